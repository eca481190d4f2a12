extension Graph {
    /// Newman–Girvan modularity of a partition with resolution γ, as networkx's `modularity`:
    /// Q = Σ_c [ L_c / m − γ (d_c / 2m)² ] undirected (weighted when `useWeights`), and
    /// Q = Σ_c [ L_c / m − γ d⁺_c d⁻_c / m² ] directed.
    public func modularity(_ partition: Partition, resolution: Double = 1, useWeights: Bool = true) -> Double {
        let k = partition.count
        var inside = [Double](repeating: 0, count: k)
        var outStrength = [Double](repeating: 0, count: k)
        var inStrength = [Double](repeating: 0, count: k)
        var total = 0.0
        for u in 0..<nodeCount {
            let cu = Int(partition.community[u])
            for p in offsets[u]..<offsets[u + 1] {
                let v = Int(targets[p])
                var w = useWeights ? (edgeWeights?[p] ?? 1) : 1
                // networkx counts an undirected self-loop twice in degrees and once as an edge.
                if !isDirected && v == u { w *= 2 }
                let cv = Int(partition.community[v])
                outStrength[cu] += w
                inStrength[cv] += w
                total += w
                if cu == cv { inside[cu] += w }
            }
        }
        guard total > 0 else { return 0 }
        var q = 0.0
        if isDirected {
            for c in 0..<k { q += inside[c] / total - resolution * outStrength[c] * inStrength[c] / (total * total) }
        } else {
            // Each undirected edge was seen from both ends: total = 2m, inside = 2·L_c.
            for c in 0..<k { q += inside[c] / total - resolution * (outStrength[c] / total) * (outStrength[c] / total) }
        }
        return q
    }
}

extension Graph {
    /// Burt's structural-hole measures, as networkx defines them, over the mutual-tie view
    /// (a_uv + a_vu): p_uv is u's share of its tie weight going to v.
    ///
    /// - constraint: Σ_j (p_vj + Σ_q p_vq p_qj)², how much v's contacts are tied to each other;
    ///   low constraint marks a broker. NaN for isolated nodes.
    /// - effective size: Σ_j (1 − Σ_q p_vq m_jq) with m_jq = a_jq / max_k a_jk, the non-redundant
    ///   part of v's contacts (for unweighted undirected graphs, Borgatti's n − 2t/n). NaN for isolates.
    ///
    /// O(Σ_v d_v²) with a dense marker per worker; `useWeights` false treats every tie as 1.
    public func structuralHoles(useWeights: Bool = false) -> (constraint: [Double], effectiveSize: [Double]) {
        // Mutual weights a_uv + a_vu: for a directed graph, its arcs merged with weights summed; an
        // undirected tie counts the same at both ends, so its own weights serve.
        let g = isDirected ? mutualView(useWeights: useWeights) : self
        let n = g.nodeCount
        let w: [Double]? = isDirected || useWeights ? g.edgeWeights : nil
        func weight(_ p: Int) -> Double { w?[p] ?? 1 }
        var strength = [Double](repeating: 0, count: n), largest = [Double](repeating: 0, count: n)
        for v in 0..<n {
            for p in g.offsets[v]..<g.offsets[v + 1] where Int(g.targets[p]) != v {
                strength[v] += weight(p)
                largest[v] = max(largest[v], weight(p))
            }
        }
        var constraint = [Double](repeating: .nan, count: n)
        var effective = [Double](repeating: .nan, count: n)
        var share = [Double](repeating: 0, count: n)  // p_vq for q ∈ N(v), else 0
        for v in 0..<n where strength[v] > 0 {
            let row = g.offsets[v]..<g.offsets[v + 1]
            for p in row where Int(g.targets[p]) != v { share[Int(g.targets[p])] = weight(p) / strength[v] }
            var c = 0.0, e = 0.0
            for p in row {
                let j = Int(g.targets[p])
                guard j != v else { continue }
                var indirect = 0.0, redundancy = 0.0
                // Σ over q ∈ N(v) ∩ N(j): p_vq p_qj and p_vq m_qj (a_qj read from j's row, symmetric).
                for r in g.offsets[j]..<g.offsets[j + 1] {
                    let q = Int(g.targets[r])
                    guard q != v, q != j, share[q] > 0 else { continue }
                    indirect += share[q] * weight(r) / strength[q]
                    redundancy += share[q] * weight(r) / largest[j]
                }
                let direct = share[j]
                c += (direct + indirect) * (direct + indirect)
                e += 1 - redundancy
            }
            constraint[v] = c
            effective[v] = e
            for p in row { share[Int(g.targets[p])] = 0 }
        }
        return (constraint, effective)
    }

    /// A directed graph's arcs merged into undirected ties weighted a_uv + a_vu (1 per arc when unweighted).
    func mutualView(useWeights: Bool) -> Graph {
        var builder = GraphBuilder(directed: false, duplicates: .sumWeights, selfLoops: .drop)
        builder.nodes = nodes
        for u in 0..<nodeCount {
            for p in offsets[u]..<offsets[u + 1] {
                builder.addEdge(u, Int(targets[p]), weight: useWeights ? (edgeWeights?[p] ?? 1) : 1)
            }
        }
        return try! builder.build(weighted: true)
    }
}

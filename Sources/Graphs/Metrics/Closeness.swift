extension Graph {
    /// Closeness centrality as networkx defines it: for node u reaching r − 1 others at total
    /// distance D, (r − 1)/D, scaled by (r − 1)/(n − 1) (Wasserman & Faust) so that nodes in small
    /// components do not look central. Directed graphs use distances *to* u (networkx's choice).
    /// Exact, one parallel BFS per node: O(n·(n + m)).
    public func closenessCentrality() -> [Double] {
        let n = nodeCount
        let totals = breadthFirstTotals(sources: Array(0..<n), incoming: isDirected)
        return totals.map { t in
            guard t.distanceSum > 0, n > 1 else { return 0 }
            let reached = Double(t.reached)
            return reached / Double(t.distanceSum) * reached / Double(n - 1)
        }
    }
}

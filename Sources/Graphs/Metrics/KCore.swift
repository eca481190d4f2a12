extension Graph {
    /// Core number of every node: the largest k such that the node is in a subgraph where every
    /// node has degree ≥ k (the k-core). Batagelj & Zaversnik's bucket algorithm, O(n + m).
    /// Self-loops are ignored; directed graphs use in + out degree, as networkx does.
    public func coreNumbers() -> [Int] {
        let n = nodeCount
        var degree = [Int](repeating: 0, count: n)
        for v in 0..<n {
            var d = 0
            for u in neighbours(of: v) where Int(u) != v { d += 1 }
            if isDirected { for u in inNeighbours(of: v) where Int(u) != v { d += 1 } }
            degree[v] = d
        }
        let maxDegree = degree.max() ?? 0
        // Bucket sort nodes by degree; position[v] is v's index in `order`.
        var binStart = [Int](repeating: 0, count: maxDegree + 2)
        for d in degree { binStart[d + 1] += 1 }
        for d in 0...maxDegree { binStart[d + 1] += binStart[d] }
        var order = [Int](repeating: 0, count: n)
        var position = [Int](repeating: 0, count: n)
        var fill = binStart
        for v in 0..<n {
            position[v] = fill[degree[v]]
            order[position[v]] = v
            fill[degree[v]] += 1
        }
        func lower(_ u: Int, below v: Int) {
            guard degree[u] > degree[v] else { return }
            // Swap u with the first node of its bin, then shrink the bin by one.
            let du = degree[u]
            let first = order[binStart[du]]
            if first != u {
                let pu = position[u], pf = binStart[du]
                order[pu] = first; position[first] = pu
                order[pf] = u; position[u] = pf
            }
            binStart[du] += 1
            degree[u] -= 1
        }
        for i in 0..<n {
            let v = order[i]
            for u in neighbours(of: v) where Int(u) != v { lower(Int(u), below: v) }
            if isDirected { for u in inNeighbours(of: v) where Int(u) != v { lower(Int(u), below: v) } }
        }
        return degree
    }
}

extension Graph {
    /// Core number of every node: the largest k such that the node is in a subgraph where every
    /// node has degree ≥ k (the k-core). Batagelj & Zaversnik's bucket algorithm, O(n + m), on
    /// 32-bit arrays over the adjacency directly (half the memory traffic of word-sized ones).
    /// Self-loops are ignored; directed graphs use in + out degree, as networkx does.
    public func coreNumbers() -> [Int] {
        let n = nodeCount
        guard n > 0 else { return [] }
        var degree = [Int32](repeating: 0, count: n)
        var order = [Int32](repeating: 0, count: n)
        var position = [Int32](repeating: 0, count: n)
        var binStart: [Int32] = []
        let directed = isDirected
        degree.withUnsafeMutableBufferPointer { degree in
        order.withUnsafeMutableBufferPointer { order in
        position.withUnsafeMutableBufferPointer { position in
        offsets.withUnsafeBufferPointer { offsets in
        targets.withUnsafeBufferPointer { targets in
        inOffsets.withUnsafeBufferPointer { inOffsets in
        inSources.withUnsafeBufferPointer { inSources in
            /// Calls `body` for every neighbour of v other than v itself (in-neighbours too when directed).
            @inline(__always) func forEachNeighbour(_ v: Int, _ body: (Int) -> Void) {
                for p in offsets[v]..<offsets[v + 1] where Int(targets[p]) != v { body(Int(targets[p])) }
                if directed { for p in inOffsets[v]..<inOffsets[v + 1] where Int(inSources[p]) != v { body(Int(inSources[p])) } }
            }
            var maxDegree: Int32 = 0
            for v in 0..<n {
                var d: Int32 = 0
                forEachNeighbour(v) { _ in d += 1 }
                degree[v] = d
                maxDegree = max(maxDegree, d)
            }
            // Bucket sort nodes by degree; position[v] is v's index in `order`.
            binStart = [Int32](repeating: 0, count: Int(maxDegree) + 2)
            binStart.withUnsafeMutableBufferPointer { bin in
                for v in 0..<n { bin[Int(degree[v]) + 1] += 1 }
                for d in 0...Int(maxDegree) { bin[d + 1] += bin[d] }
                var fill = Array(bin)
                for v in 0..<n {
                    let d = Int(degree[v])
                    position[v] = fill[d]
                    order[Int(fill[d])] = Int32(v)
                    fill[d] += 1
                }
                for i in 0..<n {
                    let v = Int(order[i])
                    let dv = degree[v]
                    forEachNeighbour(v) { u in
                        let du = degree[u]
                        guard du > dv else { return }
                        // Swap u with the first node of its bin, then shrink the bin by one.
                        let pf = Int(bin[Int(du)])
                        let first = Int(order[pf])
                        if first != u {
                            let pu = Int(position[u])
                            order[pu] = Int32(first); position[first] = Int32(pu)
                            order[pf] = Int32(u); position[u] = Int32(pf)
                        }
                        bin[Int(du)] += 1
                        degree[u] = du - 1
                    }
                }
            }
        }
        }
        }
        }
        }
        }
        }
        return degree.map(Int.init)
    }
}

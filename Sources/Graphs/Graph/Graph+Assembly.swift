import NumericCore

extension Graph {
    /// Builds a simple graph (no self-loops, no repeated edges) straight from generated endpoint
    /// arrays, dropping loops and repeats. Generators use it instead of `GraphBuilder` because it
    /// holds nothing but the CSR arrays: a 50-million-edge graph fits in under a gigabyte.
    ///
    /// `relations` optionally gives each edge one relation code (index into `relationNames`); an
    /// edge generated under two relations belongs to both layers.
    static func assembleSimple(nodes: NodeTable, directed: Bool, sources: [UInt32], targets: [UInt32],
                               relations: [UInt8]? = nil, relationNames: [String] = []) -> Graph {
        let n = nodes.count
        var offsets = [Int](repeating: 0, count: n + 1)
        for p in sources.indices where sources[p] != targets[p] {
            offsets[Int(sources[p]) + 1] += 1
            if !directed { offsets[Int(targets[p]) + 1] += 1 }
        }
        for v in 0..<n { offsets[v + 1] += offsets[v] }
        var adjacency = [UInt32](repeating: 0, count: offsets[n])
        let hasMasks = relations != nil
        var masks = [UInt32](repeating: 0, count: hasMasks ? offsets[n] : 0)
        var cursor = offsets
        for p in sources.indices where sources[p] != targets[p] {
            let (u, v) = (Int(sources[p]), Int(targets[p]))
            let bit = relations.map { UInt32(1) << UInt32($0[p]) } ?? 0
            adjacency[cursor[u]] = UInt32(v)
            if hasMasks { masks[cursor[u]] = bit }
            cursor[u] += 1
            if !directed {
                adjacency[cursor[v]] = UInt32(u)
                if hasMasks { masks[cursor[v]] = bit }
                cursor[v] += 1
            }
        }
        // Sort each row and drop repeats in place (rows only shrink, so writing behind is safe).
        var write = 0
        var rowStart = 0
        for v in 0..<n {
            let lo = rowStart, hi = offsets[v + 1]
            rowStart = hi
            offsets[v] = write
            guard hi > lo else { continue }
            if !hasMasks {
                adjacency[lo..<hi].sort()
            } else {
                var pairs = (lo..<hi).map { (adjacency[$0], masks[$0]) }
                pairs.sort { $0.0 < $1.0 }
                for (i, pair) in pairs.enumerated() {
                    adjacency[lo + i] = pair.0
                    masks[lo + i] = pair.1
                }
            }
            var last = UInt32.max
            for p in lo..<hi {
                if adjacency[p] == last {
                    if hasMasks { masks[write - 1] |= masks[p] }
                    continue
                }
                last = adjacency[p]
                adjacency[write] = last
                if hasMasks { masks[write] = masks[p] }
                write += 1
            }
        }
        offsets[n] = write
        adjacency.removeLast(adjacency.count - write)
        if hasMasks { masks.removeLast(masks.count - write) }
        return Graph(isDirected: directed, offsets: offsets, targets: adjacency, weights: nil, nodes: nodes, selfLoops: 0,
                     relationMasks: hasMasks ? masks : nil, relationNames: hasMasks ? relationNames : [])
    }
}

/// Counting-sort helpers that turn arc lists into sorted CSR arrays: O(arcs + nodes), no comparisons.
enum CSR {
    /// Sorts arcs by (source, target), stable.
    static func assemble(rows: Int, sources: [UInt32], targets: [UInt32], weights: [Double]?)
        -> (offsets: [Int], targets: [UInt32], weights: [Double]?, order: [Int]) {
        let m = sources.count
        // By target, then stably by source.
        var byTarget = [Int](repeating: 0, count: m)
        var counts = [Int](repeating: 0, count: rows + 1)
        for t in targets { counts[Int(t) + 1] += 1 }
        for i in 0..<rows { counts[i + 1] += counts[i] }
        for p in 0..<m {
            let t = Int(targets[p])
            byTarget[counts[t]] = p
            counts[t] += 1
        }
        var offsets = [Int](repeating: 0, count: rows + 1)
        for s in sources { offsets[Int(s) + 1] += 1 }
        for i in 0..<rows { offsets[i + 1] += offsets[i] }
        var cursor = offsets
        var order = [Int](repeating: 0, count: m)
        for p in byTarget {
            let s = Int(sources[p])
            order[cursor[s]] = p
            cursor[s] += 1
        }
        let sortedTargets = order.map { targets[$0] }
        let sortedWeights = weights.map { w in order.map { w[$0] } }
        return (offsets, sortedTargets, sortedWeights, order)
    }

    /// The transpose of a CSR adjacency (in-adjacency from out-adjacency), rows sorted.
    static func transpose(rows: Int, offsets: [Int], targets: [UInt32], weights: [Double]?)
        -> (offsets: [Int], targets: [UInt32], weights: [Double]?) {
        var inOffsets = [Int](repeating: 0, count: rows + 1)
        for t in targets { inOffsets[Int(t) + 1] += 1 }
        for i in 0..<rows { inOffsets[i + 1] += inOffsets[i] }
        var cursor = inOffsets
        var sources = [UInt32](repeating: 0, count: targets.count)
        var inWeights = weights.map { _ in [Double](repeating: 0, count: targets.count) }
        for u in 0..<rows {
            for p in offsets[u]..<offsets[u + 1] {
                let t = Int(targets[p])
                sources[cursor[t]] = UInt32(u)
                inWeights?[cursor[t]] = weights![p]
                cursor[t] += 1
            }
        }
        return (inOffsets, sources, inWeights)
    }
}

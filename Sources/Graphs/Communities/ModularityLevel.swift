import NumericCore

/// One level of modularity optimisation, shared by Louvain and Leiden: a symmetric weighted
/// adjacency in which A_ii holds twice the internal weight, so row sums are strengths and
/// Σ strengths = 2m at every level of coarsening.
struct ModularityLevel {
    var offsets: [Int]
    var targets: [Int32]
    var weights: [Double]
    var count: Int { offsets.count - 1 }

    init(offsets: [Int], targets: [Int32], weights: [Double]) {
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
    }

    /// The finest level: an undirected graph's adjacency (self-loops counted twice).
    init(_ g: Graph, useWeights: Bool) {
        offsets = g.offsets
        targets = g.targets.map { Int32($0) }
        weights = (useWeights ? g.edgeWeights : nil) ?? [Double](repeating: 1, count: g.targets.count)
        for u in 0..<count {
            for p in offsets[u]..<offsets[u + 1] where Int(targets[p]) == u { weights[p] *= 2 }
        }
    }

    /// Row sums.
    var strengths: [Double] {
        (0..<count).map { u in weights[offsets[u]..<offsets[u + 1]].reduce(0, +) }
    }

    /// Local moving on one level by a work queue (the "fast local moving" of Traag, Waltman & van Eck
    /// 2019): every node is visited once in random order, then only the neighbours of nodes that
    /// moved are visited again, until the queue is empty. Converges like repeated full passes at a
    /// fraction of the work. Returns each node's community and whether anything moved.
    func moveNodes(resolution: Double, seed: UInt64, depth: UInt64, initial: [Int]?) -> ([Int], Bool) {
        let level = self
        let n = level.count
        var strength = [Double](repeating: 0, count: n)
        for u in 0..<n { strength[u] = level.weights[level.offsets[u]..<level.offsets[u + 1]].reduce(0, +) }
        let twiceM = strength.reduce(0, +)
        guard twiceM > 0 else { return (initial ?? Array(0..<n), false) }
        var community = initial ?? Array(0..<n)
        var totals = [Double](repeating: 0, count: n)  // Σ_tot per community
        for u in 0..<n { totals[community[u]] += strength[u] }
        var linkWeight = [Double](repeating: 0, count: n)
        var isTouched = [Bool](repeating: false, count: n)
        var touched = [Int](repeating: 0, count: n)
        // A ring buffer of pending nodes; inQueue prevents duplicates.
        var queue = Array(0..<n)
        var generator = Xoshiro256PlusPlus(seed: seed, replicate: depth, purpose: .clustering)
        generator.shuffle(&queue)
        var inQueue = [Bool](repeating: true, count: n)
        var movedAny = false
        // The hot loop runs on raw buffers: no bounds or uniqueness checks per neighbour.
        level.offsets.withUnsafeBufferPointer { offsets in
        level.targets.withUnsafeBufferPointer { targets in
        level.weights.withUnsafeBufferPointer { weights in
        strength.withUnsafeBufferPointer { strength in
        community.withUnsafeMutableBufferPointer { community in
        totals.withUnsafeMutableBufferPointer { totals in
        linkWeight.withUnsafeMutableBufferPointer { linkWeight in
        isTouched.withUnsafeMutableBufferPointer { isTouched in
        touched.withUnsafeMutableBufferPointer { touched in
        queue.withUnsafeMutableBufferPointer { queue in
        inQueue.withUnsafeMutableBufferPointer { inQueue in
            var head = 0, pending = n
            let scale = resolution / twiceM
            while pending > 0 {
                let u = queue[head]
                head = head + 1 == n ? 0 : head + 1
                pending -= 1
                inQueue[u] = false
                let cu = community[u], ku = strength[u]
                // Weights from u to each neighbouring community (self-loop excluded).
                var touchedCount = 0
                let start = offsets[u], end = offsets[u + 1]
                for p in start..<end {
                    let v = Int(targets[p])
                    if v == u { continue }
                    let c = community[v]
                    if !isTouched[c] {
                        isTouched[c] = true
                        touched[touchedCount] = c
                        touchedCount += 1
                    }
                    linkWeight[c] += weights[p]
                }
                totals[cu] -= ku
                var best = cu
                var bestGain = linkWeight[cu] - totals[cu] * ku * scale
                for i in 0..<touchedCount {
                    let c = touched[i]
                    if c == cu { continue }
                    let gain = linkWeight[c] - totals[c] * ku * scale
                    if gain > bestGain {  // ties keep the current community, else the first found
                        best = c
                        bestGain = gain
                    }
                }
                totals[best] += ku
                for i in 0..<touchedCount {
                    linkWeight[touched[i]] = 0
                    isTouched[touched[i]] = false
                }
                linkWeight[cu] = 0
                guard best != cu else { continue }
                community[u] = best
                movedAny = true
                // Neighbours outside the new community may now prefer to follow u.
                for p in start..<end {
                    let v = Int(targets[p])
                    if v != u && !inQueue[v] && community[v] != best {
                        inQueue[v] = true
                        var slot = head + pending
                        if slot >= n { slot -= n }
                        queue[slot] = v
                        pending += 1
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
        }
        }
        }
        }
        return (community, movedAny)
    }

    /// Modularity of an assignment on one level (A_ii holds internal weight twice, as strengths do).
    func quality(resolution: Double, assignment: [Int]) -> Double {
        let level = self
        var totals = [Double](repeating: 0, count: level.count)
        var inside = 0.0, twiceM = 0.0
        for u in 0..<level.count {
            for p in level.offsets[u]..<level.offsets[u + 1] {
                let w = level.weights[p]
                totals[assignment[u]] += w
                twiceM += w
                if assignment[Int(level.targets[p])] == assignment[u] { inside += w }
            }
        }
        guard twiceM > 0 else { return 0 }
        var expected = 0.0
        for t in totals where t != 0 { expected += t * t }
        return inside / twiceM - resolution * expected / (twiceM * twiceM)
    }

    /// Merges each community into one node; A'_CD = Σ A_ij over i ∈ C, j ∈ D (diagonal included).
    func aggregate(assignment: [Int], communities k: Int) -> ModularityLevel {
        let level = self
        var members = [[Int]](repeating: [], count: k)
        for (u, c) in assignment.enumerated() { members[c].append(u) }
        var offsets = [0]
        var targets: [Int32] = []
        var weights: [Double] = []
        var accumulate = [Double](repeating: 0, count: k)
        var isTouched = [Bool](repeating: false, count: k)
        var touched: [Int] = []
        for c in 0..<k {
            touched.removeAll(keepingCapacity: true)
            for u in members[c] {
                for p in level.offsets[u]..<level.offsets[u + 1] {
                    let d = assignment[Int(level.targets[p])]
                    if !isTouched[d] { isTouched[d] = true; touched.append(d) }
                    accumulate[d] += level.weights[p]
                }
            }
            touched.sort()
            for d in touched {
                targets.append(Int32(d))
                weights.append(accumulate[d])
                accumulate[d] = 0
                isTouched[d] = false
            }
            offsets.append(targets.count)
        }
        return ModularityLevel(offsets: offsets, targets: targets, weights: weights)
    }
}

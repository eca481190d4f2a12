import NumericCore

/// Community detection by Louvain modularity optimisation (Blondel, Guillaume, Lambiotte & Lefebvre
/// 2008): repeatedly move single nodes to the neighbouring community with the best modularity gain,
/// then merge each community into one node, until nothing changes.
///
/// Nodes are visited in a random order drawn from a stream keyed by the seed, run and level, so a
/// seed fixes the result. Directed graphs are clustered on their undirected view. O(m) per pass in practice.
public struct Louvain: Sendable, Hashable {
    /// γ: larger finds more, smaller communities (networkx's `resolution`).
    public var resolution = 1.0
    public var seed: UInt64 = 0
    /// Stop coarsening when a level improves modularity by less than this (networkx: 1e-7).
    public var threshold = 1e-7
    public var useWeights = true
    /// After coarsening, project the partition back down and move single nodes again at every level
    /// (multi-level refinement, Rotta & Noack 2011): never lowers modularity, often raises it, since
    /// plain Louvain never revisits a node once its community is merged.
    public var refine = true
    /// Independent runs (run r visits nodes in the order of stream (seed, r, clustering)); the
    /// partition with the highest modularity is kept, the earliest on ties. Louvain is a greedy
    /// heuristic: on small graphs a single run can stop at a local optimum (Florentine families:
    /// 0.3975 against an optimum of 0.39875).
    public var restarts = 1

    public init(resolution: Double = 1, seed: UInt64 = 0, threshold: Double = 1e-7, useWeights: Bool = true,
                refine: Bool = true, restarts: Int = 1) {
        self.resolution = resolution
        self.seed = seed
        self.threshold = threshold
        self.useWeights = useWeights
        self.refine = refine
        self.restarts = max(1, restarts)
    }

    /// A symmetric weighted adjacency, with A_ii holding twice the internal weight (so row sums are
    /// strengths and Σ strengths = 2m at every level).
    struct Level {
        var offsets: [Int]
        var targets: [Int32]
        var weights: [Double]
        var count: Int { offsets.count - 1 }
    }

    public func communities(_ graph: Graph) -> Partition {
        let g = graph.isDirected ? graph.undirected() : graph
        var best: (partition: Partition, quality: Double)? = nil
        for run in 0..<restarts {
            let partition = singleRun(g, runSeed: SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(run))))
            let quality = g.modularity(partition, resolution: resolution, useWeights: useWeights)
            if best == nil || quality > best!.quality { best = (partition, quality) }
        }
        return best!.partition
    }

    func singleRun(_ g: Graph, runSeed: UInt64) -> Partition {
        let n = g.nodeCount
        guard n > 0 else { return Partition(labels: []) }
        var level = Level(offsets: g.offsets, targets: g.targets.map { Int32($0) },
                          weights: (useWeights ? g.edgeWeights : nil) ?? [Double](repeating: 1, count: g.targets.count))
        for u in 0..<n {
            for p in level.offsets[u]..<level.offsets[u + 1] where Int(level.targets[p]) == u { level.weights[p] *= 2 }
        }
        // Coarsen: levels[i] is the graph at depth i, maps[i] its nodes' communities (nodes of level i+1).
        var levels: [Level] = []
        var maps: [[Int]] = []
        var depth: UInt64 = 0
        // Modularity reached so far; the next level starts from it (merging changes no modularity).
        var reached = -Double.infinity
        while true {
            let (assignment, moved) = moveNodes(level, seed: runSeed, depth: depth, initial: nil)
            let q = moved ? quality(level, assignment: assignment) : reached
            if !moved || q - reached < threshold { break }
            reached = q
            var relabel = [Int](repeating: -1, count: level.count)
            var k = 0
            for c in assignment where relabel[c] < 0 { relabel[c] = k; k += 1 }
            levels.append(level)
            maps.append(assignment.map { relabel[$0] })
            if k == level.count { break }
            level = aggregate(level, assignment: maps[maps.count - 1], communities: k)
            depth += 1
        }
        guard !levels.isEmpty else { return Partition(labels: Array(0..<n)) }
        // Uncoarsen: the top-level partition, projected to each finer level, refined by local moves there.
        var assignment = maps[maps.count - 1]
        for i in stride(from: levels.count - 1, through: 0, by: -1) {
            if i < levels.count - 1 { assignment = maps[i].map { assignment[$0] } }
            if refine { assignment = moveNodes(levels[i], seed: runSeed, depth: 1000 + UInt64(i), initial: assignment).0 }
        }
        return Partition(labels: assignment)
    }

    /// Local moving on one level by a work queue (the "fast local moving" of Traag, Waltman & van Eck
    /// 2019): every node is visited once in random order, then only the neighbours of nodes that
    /// moved are visited again, until the queue is empty. Converges like repeated full passes at a
    /// fraction of the work. Returns each node's community and whether anything moved.
    func moveNodes(_ level: Level, seed: UInt64, depth: UInt64, initial: [Int]?) -> ([Int], Bool) {
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
        var touched: [Int] = []
        // A ring buffer of pending nodes; inQueue prevents duplicates.
        var queue = Array(0..<n)
        var generator = Xoshiro256PlusPlus(seed: seed, replicate: depth, purpose: .clustering)
        generator.shuffle(&queue)
        var inQueue = [Bool](repeating: true, count: n)
        var head = 0, pending = n
        var movedAny = false
        while pending > 0 {
            let u = queue[head]
            head = head + 1 == n ? 0 : head + 1
            pending -= 1
            inQueue[u] = false
            let cu = community[u], ku = strength[u]
            // Weights from u to each neighbouring community (self-loop excluded).
            touched.removeAll(keepingCapacity: true)
            for p in level.offsets[u]..<level.offsets[u + 1] {
                let v = Int(level.targets[p])
                if v == u { continue }
                let c = community[v]
                if !isTouched[c] { isTouched[c] = true; touched.append(c) }
                linkWeight[c] += level.weights[p]
            }
            totals[cu] -= ku
            var best = cu
            var bestGain = linkWeight[cu] - resolution * totals[cu] * ku / twiceM
            for c in touched where c != cu {
                let gain = linkWeight[c] - resolution * totals[c] * ku / twiceM
                if gain > bestGain {  // ties keep the current community, else the first found
                    best = c
                    bestGain = gain
                }
            }
            totals[best] += ku
            for c in touched { linkWeight[c] = 0; isTouched[c] = false }
            linkWeight[cu] = 0
            guard best != cu else { continue }
            community[u] = best
            movedAny = true
            // Neighbours outside the new community may now prefer to follow u.
            for p in level.offsets[u]..<level.offsets[u + 1] {
                let v = Int(level.targets[p])
                if v != u && !inQueue[v] && community[v] != best {
                    inQueue[v] = true
                    queue[(head + pending) % n] = v
                    pending += 1
                }
            }
        }
        return (community, movedAny)
    }

    /// Modularity of an assignment on one level (A_ii holds internal weight twice, as strengths do).
    func quality(_ level: Level, assignment: [Int]) -> Double {
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
    func aggregate(_ level: Level, assignment: [Int], communities k: Int) -> Level {
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
        return Level(offsets: offsets, targets: targets, weights: weights)
    }
}

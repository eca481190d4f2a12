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
        var level = ModularityLevel(g, useWeights: useWeights)
        // Coarsen: levels[i] is the graph at depth i, maps[i] its nodes' communities (nodes of level i+1).
        var levels: [ModularityLevel] = []
        var maps: [[Int]] = []
        var depth: UInt64 = 0
        // Modularity reached so far; the next level starts from it (merging changes no modularity).
        var reached = -Double.infinity
        while true {
            let (assignment, moved) = level.moveNodes(resolution: resolution, seed: runSeed, depth: depth, initial: nil)
            let q = moved ? level.quality(resolution: resolution, assignment: assignment) : reached
            if !moved || q - reached < threshold { break }
            reached = q
            var relabel = [Int](repeating: -1, count: level.count)
            var k = 0
            for c in assignment where relabel[c] < 0 { relabel[c] = k; k += 1 }
            levels.append(level)
            maps.append(assignment.map { relabel[$0] })
            if k == level.count { break }
            level = level.aggregate(assignment: maps[maps.count - 1], communities: k)
            depth += 1
        }
        guard !levels.isEmpty else { return Partition(labels: Array(0..<n)) }
        // Uncoarsen: the top-level partition, projected to each finer level, refined by local moves there.
        var assignment = maps[maps.count - 1]
        for i in stride(from: levels.count - 1, through: 0, by: -1) {
            if i < levels.count - 1 { assignment = maps[i].map { assignment[$0] } }
            if refine { assignment = levels[i].moveNodes(resolution: resolution, seed: runSeed, depth: 1000 + UInt64(i), initial: assignment).0 }
        }
        return Partition(labels: assignment)
    }
}

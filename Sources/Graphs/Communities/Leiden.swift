import Foundation
import NumericCore

/// Community detection by the Leiden algorithm (Traag, Waltman & van Eck 2019): Louvain's fast
/// local moving, followed by a refinement that splits each community into well-connected parts
/// before aggregation. Unlike Louvain, every community it returns is connected, and iterating it
/// keeps improving the partition.
///
/// Refinement merges each well-connected singleton node into a well-connected sub-community of
/// its community, chosen at random with probability ∝ exp(ΔH/θ) over non-negative gains
/// (θ = `randomness`), as in the paper. A seed fixes the result. Directed graphs are clustered on
/// their undirected view.
public struct Leiden: Sendable, Hashable {
    public var resolution = 1.0
    public var seed: UInt64 = 0
    /// θ of the refinement's random merge choice (the paper's and leidenalg's 0.01).
    public var randomness = 0.01
    /// Full Leiden passes, each starting from the last partition; stops early when one improves
    /// modularity by less than 1e-10. Two by default, as leidenalg and igraph; more keep improving.
    public var iterations = 2
    public var useWeights = true

    public init(resolution: Double = 1, seed: UInt64 = 0, randomness: Double = 0.01, iterations: Int = 2, useWeights: Bool = true) {
        self.resolution = resolution
        self.seed = seed
        self.randomness = randomness
        self.iterations = max(1, iterations)
        self.useWeights = useWeights
    }

    public func communities(_ graph: Graph) -> Partition {
        let g = graph.isDirected ? graph.undirected() : graph
        let base = ModularityLevel(g, useWeights: useWeights)
        var assignment = Array(0..<base.count)
        guard base.count > 0 else { return Partition(labels: []) }
        var quality = base.quality(resolution: resolution, assignment: assignment)
        for iteration in 0..<iterations {
            let next = pass(base, initial: assignment, iteration: UInt64(iteration))
            let q = base.quality(resolution: resolution, assignment: next)
            if iteration > 0 && q - quality < 1e-10 { break }
            if q >= quality {
                assignment = next
                quality = q
            }
        }
        return Partition(labels: assignment)
    }

    /// One run of Leiden from a partition of the base level; returns the new base-level partition.
    func pass(_ base: ModularityLevel, initial: [Int], iteration: UInt64) -> [Int] {
        var level = base
        var partition = initial
        // Which node of the current level each base node belongs to.
        var nodeOf = Array(0..<base.count)
        var depth: UInt64 = 0
        let passSeed = SplitMix64.mix(seed ^ SplitMix64.mix(iteration &+ 0x9E37))
        while true {
            partition = level.moveNodes(resolution: resolution, seed: passSeed, depth: depth, initial: partition).0
            let communities = Set(partition).count
            if communities == level.count || depth > 64 { break }
            let refined = refine(level, partition: partition, seed: passSeed, depth: depth)
            // Renumber refined communities 0..<k and aggregate by them.
            var relabel = [Int](repeating: -1, count: level.count)
            var k = 0
            for c in refined where relabel[c] < 0 { relabel[c] = k; k += 1 }
            let map = refined.map { relabel[$0] }
            // The aggregate starts from the unrefined partition: each refined part keeps its community.
            var start = [Int](repeating: 0, count: k)
            var dense = [Int](repeating: -1, count: level.count)
            var next = 0
            for u in 0..<level.count {
                if dense[partition[u]] < 0 { dense[partition[u]] = next; next += 1 }
                start[map[u]] = dense[partition[u]]
            }
            level = level.aggregate(assignment: map, communities: k)
            nodeOf = nodeOf.map { map[$0] }
            partition = start
            depth += 1
        }
        return nodeOf.map { partition[$0] }
    }

    /// Refinement: within each community S of `partition`, start from singletons and merge each
    /// well-connected singleton v into a well-connected refined community C ⊆ S.
    func refine(_ level: ModularityLevel, partition: [Int], seed: UInt64, depth: UInt64) -> [Int] {
        let n = level.count
        let strength = level.strengths
        let twiceM = strength.reduce(0, +)
        guard twiceM > 0 else { return Array(0..<n) }
        var refined = Array(0..<n)
        // Per community S: its total strength. Per refined community C: its total strength, its
        // weight to the rest of S, and whether it is still one node.
        var totalS = [Double](repeating: 0, count: n)
        for u in 0..<n { totalS[partition[u]] += strength[u] }
        var totalC = strength
        var externalC = [Double](repeating: 0, count: n)
        var singleton = [Bool](repeating: true, count: n)
        // E(v, S − v): weight from v to the rest of its community.
        for u in 0..<n {
            for p in level.offsets[u]..<level.offsets[u + 1] {
                let v = Int(level.targets[p])
                if v != u && partition[v] == partition[u] { externalC[u] += level.weights[p] }
            }
        }
        let nodeExternal = externalC
        var order = Array(0..<n)
        var rng = Xoshiro256PlusPlus(seed: seed, replicate: depth, purpose: .clustering, substream: 1)
        rng.shuffle(&order)
        var linkWeight = [Double](repeating: 0, count: n)
        var isTouched = [Bool](repeating: false, count: n)
        var touched: [Int] = []
        var candidates: [(community: Int, gain: Double)] = []
        for v in order {
            guard singleton[v] else { continue }
            let s = partition[v], kv = strength[v]
            // v itself must be well connected to its community.
            guard nodeExternal[v] >= resolution * kv * (totalS[s] - kv) / twiceM else { continue }
            touched.removeAll(keepingCapacity: true)
            for p in level.offsets[v]..<level.offsets[v + 1] {
                let u = Int(level.targets[p])
                guard u != v, partition[u] == s else { continue }
                let c = refined[u]
                if !isTouched[c] { isTouched[c] = true; touched.append(c) }
                linkWeight[c] += level.weights[p]
            }
            candidates.removeAll(keepingCapacity: true)
            let current = refined[v]
            for c in touched where c != current {
                // Only well-connected refined communities may receive v.
                guard externalC[c] >= resolution * totalC[c] * (totalS[s] - totalC[c]) / twiceM else { continue }
                let gain = linkWeight[c] - resolution * totalC[c] * kv / twiceM
                if gain >= 0 { candidates.append((c, gain)) }
            }
            if !candidates.isEmpty {
                let chosen = choose(candidates, rng: &rng)
                // Update the receiving community: v's links into it become internal.
                externalC[chosen] = externalC[chosen] - linkWeight[chosen] + (nodeExternal[v] - linkWeight[chosen])
                totalC[chosen] += kv
                totalC[current] = 0
                externalC[current] = 0
                singleton[chosen] = false
                refined[v] = chosen
            }
            for c in touched { linkWeight[c] = 0; isTouched[c] = false }
        }
        return refined
    }

    /// Random choice ∝ exp(gain/θ) (θ → 0: the best gain; ties to the first).
    func choose(_ candidates: [(community: Int, gain: Double)], rng: inout Xoshiro256PlusPlus) -> Int {
        let best = candidates.max { $0.gain < $1.gain }!
        guard randomness > 0 else { return best.community }
        var weights = candidates.map { exp(($0.gain - best.gain) / randomness) }
        let total = weights.reduce(0, +)
        var u = rng.nextUnitDouble() * total
        for (i, w) in weights.enumerated() {
            u -= w
            if u < 0 { return candidates[i].community }
        }
        weights.removeAll()
        return candidates[candidates.count - 1].community
    }
}

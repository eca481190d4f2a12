import Foundation
import NumericCore

/// Shortest-path (hop count) summary: "how many steps apart are people?"
public struct PathLengthSummary: Sendable, Equatable {
    /// Mean distance over ordered pairs (s, t), s ≠ t, with t reachable from s.
    public let averageLength: Double
    /// The largest finite distance found.
    public let diameter: Int
    /// Ordered pairs counted (all n(n − 1) when strongly connected).
    public let reachablePairs: Int
    /// Sources searched: all nodes when exact, the sample otherwise.
    public let sources: Int
    /// 95% confidence interval of the average when sampled (nil when exact).
    public let confidenceInterval: ClosedRange<Double>?

    public var isExact: Bool { confidenceInterval == nil }
}

extension Graph {
    /// Exact average path length and diameter by breadth-first search from every node, parallel
    /// over sources. O(n·(n + m)) time, O(n) memory per worker.
    public func pathLengths() -> PathLengthSummary {
        let perSource = breadthFirstTotals(sources: Array(0..<nodeCount))
        let pairs = perSource.reduce(0) { $0 + $1.reached }
        let total = perSource.reduce(0) { $0 + $1.distanceSum }
        return PathLengthSummary(averageLength: pairs > 0 ? Double(total) / Double(pairs) : 0,
                                 diameter: perSource.map(\.eccentricity).max() ?? 0,
                                 reachablePairs: pairs, sources: nodeCount, confidenceInterval: nil)
    }

    /// Average path length estimated from `sampleSize` random sources (stream (seed, 0, sampling)),
    /// with a 95% confidence interval from the spread of per-source means; the diameter is then a
    /// lower bound. For graphs too large for all-pairs search ("six degrees" on a million nodes).
    public func pathLengths(sampleSize: Int, seed: UInt64) -> PathLengthSummary {
        let k = min(sampleSize, nodeCount)
        if k == nodeCount { return pathLengths() }
        var generator = Xoshiro256PlusPlus(seed: seed, replicate: 0, purpose: .sampling)
        let sources = generator.sampleWithoutReplacement(k, from: nodeCount).sorted()
        let perSource = breadthFirstTotals(sources: sources)
        let pairs = perSource.reduce(0) { $0 + $1.reached }
        let total = perSource.reduce(0) { $0 + $1.distanceSum }
        let means = perSource.filter { $0.reached > 0 }.map { Double($0.distanceSum) / Double($0.reached) }
        let mean = pairs > 0 ? Double(total) / Double(pairs) : 0
        let halfWidth = means.count > 1 ? 1.96 * Descriptive.standardDeviation(means) / Double(means.count).squareRoot() : 0
        return PathLengthSummary(averageLength: mean, diameter: perSource.map(\.eccentricity).max() ?? 0,
                                 reachablePairs: pairs, sources: k,
                                 confidenceInterval: (mean - halfWidth)...(mean + halfWidth))
    }

    struct SourceTotals { var reached = 0; var distanceSum = 0; var eccentricity = 0 }

    /// One BFS per source; workers reuse their distance and queue buffers across sources.
    /// `incoming`: follow arcs backwards (distances *to* the source, for closeness of directed graphs).
    func breadthFirstTotals(sources: [Int], incoming: Bool = false) -> [SourceTotals] {
        let n = nodeCount
        let offsets = incoming ? inOffsets : self.offsets
        let targets = incoming ? inSources : self.targets
        var results = [SourceTotals](repeating: SourceTotals(), count: sources.count)
        let chunks = Parallel.chunkCount(count: sources.count, grain: 8)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = UncheckedSendable(buffer)
            Parallel.forEachChunk(count: chunks, grain: 1) { _, chunkRange in
                var distance = [Int32](repeating: -1, count: n)
                var queue = [Int32](repeating: 0, count: n)
                for c in chunkRange {
                    for i in Parallel.chunkRange(c, chunks: chunks, count: sources.count) {
                        let s = sources[i]
                        var totals = SourceTotals()
                        distance[s] = 0
                        queue[0] = Int32(s)
                        var head = 0, tail = 1
                        while head < tail {
                            let v = Int(queue[head]); head += 1
                            let next = distance[v] + 1
                            for p in offsets[v]..<offsets[v + 1] {
                                let u = Int(targets[p])
                                if distance[u] < 0 {
                                    distance[u] = next
                                    queue[tail] = Int32(u); tail += 1
                                    totals.distanceSum += Int(next)
                                    totals.eccentricity = Int(next)
                                }
                            }
                        }
                        totals.reached = tail - 1
                        for j in 0..<tail { distance[Int(queue[j])] = -1 }
                        out.value[i] = totals
                    }
                }
            }
        }
        return results
    }
}

import NumericCore

/// PageRank settings, defaulting to networkx's `pagerank`: damping 0.85, tolerance 1e-6 per node,
/// at most 100 iterations, uniform teleport, dangling nodes' rank spread uniformly, edge weights used.
public struct PageRank: Sendable, Hashable {
    public var damping = 0.85
    public var tolerance = 1e-6
    public var maxIterations = 100
    public var useWeights = true

    public init(damping: Double = 0.85, tolerance: Double = 1e-6, maxIterations: Int = 100, useWeights: Bool = true) {
        self.damping = damping
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.useWeights = useWeights
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notConverged(iterations: Int, error: Double)
        public var description: String {
            switch self {
            case let .notConverged(i, e): return "PageRank did not converge in \(i) iterations (L1 change \(e))"
            }
        }
    }

    /// Power iteration x ← d·(xP + dangling mass/n) + (1 − d)/n, stopped when the L1 change falls
    /// below n·tolerance, exactly networkx's rule. Pull form over in-neighbours in ascending order, so
    /// each rank is summed in the same order as SciPy's `x @ P` and the result is thread-independent.
    public func scores(_ graph: Graph) throws -> [Double] {
        let n = graph.nodeCount
        guard n > 0 else { return [] }
        // Out-strength (sum of out-weights) of every node; 0 marks a dangling node.
        var outStrength = [Double](repeating: 0, count: n)
        for u in 0..<n {
            if useWeights, let w = graph.edgeWeights {
                outStrength[u] = w[graph.offsets[u]..<graph.offsets[u + 1]].reduce(0, +)
            } else {
                outStrength[u] = Double(graph.offsets[u + 1] - graph.offsets[u])
            }
        }
        let inverse = outStrength.map { $0 != 0 ? 1 / $0 : 0 }
        let weights = useWeights ? graph.inWeights : nil
        var x = [Double](repeating: 1 / Double(n), count: n)
        var next = x
        for iteration in 1...maxIterations {
            var dangling = 0.0
            for u in 0..<n where outStrength[u] == 0 { dangling += x[u] }
            let base = damping * dangling / Double(n) + (1 - damping) / Double(n)
            x.withUnsafeBufferPointer { xp in
                next.withUnsafeMutableBufferPointer { np in
                    let out = UncheckedSendable(np)
                    Parallel.forEachChunk(count: n, grain: 4096) { _, range in
                        for v in range {
                            var sum = 0.0
                            for p in graph.inOffsets[v]..<graph.inOffsets[v + 1] {
                                let u = Int(graph.inSources[p])
                                sum += xp[u] * ((weights?[p] ?? 1) * inverse[u])
                            }
                            out.value[v] = damping * sum + base
                        }
                    }
                }
            }
            var change = 0.0
            for v in 0..<n { change += abs(next[v] - x[v]) }
            swap(&x, &next)
            if change < Double(n) * tolerance { return x }
            if iteration == maxIterations { throw Failure.notConverged(iterations: iteration, error: change) }
        }
        return x
    }
}

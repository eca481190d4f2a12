import NumericCore

extension Graph {
    /// A centrality measure that did not converge in its iteration budget.
    public struct ConvergenceError: Error, CustomStringConvertible, Equatable {
        public let metric: String
        public let iterations: Int
        public var description: String { "\(metric) did not converge in \(iterations) iterations" }
    }

    /// Eigenvector centrality: the principal eigenvector of the adjacency (in-edges for directed
    /// graphs, as networkx), unit Euclidean norm, positive. Power iteration on A + I, as networkx
    /// does, since the shift keeps bipartite graphs (eigenvalues ±λ) from oscillating.
    public func eigenvectorCentrality(useWeights: Bool = false, tolerance: Double = 1e-12, maxIterations: Int = 10_000) throws -> [Double] {
        let n = nodeCount
        guard n > 0 else { return [] }
        var x = [Double](repeating: 1 / Double(n), count: n)
        var next = x
        let weights = useWeights ? inWeights : nil
        for _ in 0..<maxIterations {
            // next = (A + I) x, pulling along in-arcs (all arcs when undirected).
            for v in 0..<n {
                var sum = x[v]
                for p in inOffsets[v]..<inOffsets[v + 1] { sum += x[Int(inSources[p])] * (weights?[p] ?? 1) }
                next[v] = sum
            }
            var norm = 0.0
            for v in 0..<n { norm += next[v] * next[v] }
            norm = norm.squareRoot()
            guard norm > 0 else { return x }
            var change = 0.0
            for v in 0..<n {
                next[v] /= norm
                change += abs(next[v] - x[v])
            }
            swap(&x, &next)
            if change < Double(n) * tolerance { return x }
        }
        throw ConvergenceError(metric: "eigenvector centrality", iterations: maxIterations)
    }
}

import NumericCore

/// DeGroot and Friedkin–Johnsen opinion dynamics, batched over replicates on the numeric core:
/// X(t+1) = Λ·W·X(t) + (I − Λ)·X(0), with W the row-stochastic influence matrix and Λ = diag(λ)
/// each agent's susceptibility (1 − stubbornness). λ = 1 for everyone is DeGroot, which reaches
/// the consensus πᵀx(0) (π the left unit eigenvector of W) on a connected aperiodic network;
/// otherwise the opinions settle at (I − ΛW)⁻¹(I − Λ)x(0). Each replicate's initial opinions are
/// drawn from its own stream; one SpMM per step advances all of them.
public struct OpinionDynamics: Sendable {
    public static let name = "opinion"

    public enum Susceptibility: Sendable, Equatable {
        /// λ = 1: pure averaging (DeGroot).
        case deGroot
        /// The same λ for everyone.
        case uniform(Double)
        /// λ per agent from a numeric attribute (NaN: the fallback).
        case attribute(String, fallback: Double)
    }

    public enum InitialOpinions: Sendable, Equatable {
        /// Uniform on [low, high) per agent and replicate.
        case uniform(low: Double, high: Double)
        /// From a numeric attribute, the same in every replicate (NaN: 0).
        case attribute(String)
        /// Given values (one per agent).
        case values([Double])
    }

    public var susceptibility: Susceptibility
    public var initial: InitialOpinions
    public var useWeights: Bool

    public init(susceptibility: Susceptibility = .deGroot, initial: InitialOpinions = .uniform(low: 0, high: 1), useWeights: Bool = false) {
        self.susceptibility = susceptibility
        self.initial = initial
        self.useWeights = useWeights
    }

    /// Opinions over time: per replicate and step, their mean and standard deviation (spread:
    /// polarisation's simplest measure), and the final n × R opinions.
    public struct Result: Sendable {
        public let replicates: Int
        public let steps: Int
        /// [r][t]
        public var mean: [Double]
        public var spread: [Double]
        public var final: Matrix<Double>
    }

    func lambdas(_ population: Population) throws -> [Double] {
        let n = population.count
        switch susceptibility {
        case .deGroot: return [Double](repeating: 1, count: n)
        case let .uniform(l):
            try SimulationError.probability("opinion susceptibility λ", l)
            return [Double](repeating: l, count: n)
        case let .attribute(name, fallback):
            guard case let .numeric(values)? = population.graph.nodes[attribute: name] else {
                throw SimulationError.unknownAttribute(name, available: population.graph.nodes.attributeNames)
            }
            try SimulationError.probability("opinion susceptibility fallback", fallback)
            return try values.map {
                let l = $0.isNaN ? fallback : $0
                try SimulationError.probability("opinion susceptibility λ (attribute \(name))", l)
                return l
            }
        }
    }

    public func run(on population: Population, replicates R: Int, steps: Int, seed: UInt64) throws -> Result {
        guard R >= 1 else { throw SimulationError.outOfRange(parameter: "replicates", value: Double(R), allowed: "≥ 1") }
        guard steps >= 0 else { throw SimulationError.outOfRange(parameter: "steps", value: Double(steps), allowed: "≥ 0") }
        let n = population.count
        let lambda = try lambdas(population)
        var x0 = Matrix<Double>(rows: n, columns: R)
        switch initial {
        case let .uniform(low, high):
            guard low <= high, low.isFinite, high.isFinite else {
                throw SimulationError.outOfRange(parameter: "initial opinion range", value: high - low, allowed: "low ≤ high")
            }
            for r in 0..<R {
                var rng = Xoshiro256PlusPlus(seed: seed, replicate: UInt64(r), purpose: .dynamics)
                for v in 0..<n { x0[v, r] = low + (high - low) * rng.nextUnitDouble() }
            }
        case let .attribute(name):
            guard case let .numeric(values)? = population.graph.nodes[attribute: name] else {
                throw SimulationError.unknownAttribute(name, available: population.graph.nodes.attributeNames)
            }
            if let v = values.firstIndex(where: { $0.isInfinite }) {
                throw SimulationError.outOfRange(parameter: "initial opinion of \(population.graph.nodes.label(v)) (attribute \(name))",
                                                 value: values[v], allowed: "a finite number")
            }
            for v in 0..<n { for r in 0..<R { x0[v, r] = values[v].isNaN ? 0 : values[v] } }
        case let .values(values):
            guard values.count == n else {
                throw SimulationError.outOfRange(parameter: "initial opinions", value: Double(values.count), allowed: "one per agent (\(n))")
            }
            for v in 0..<n { for r in 0..<R { x0[v, r] = values[v] } }
        }
        let w = population.influenceMatrix(useWeights: useWeights)
        var x = x0, next = Matrix<Double>(rows: n, columns: R)
        var result = Result(replicates: R, steps: steps + 1, mean: [Double](repeating: 0, count: R * (steps + 1)),
                            spread: [Double](repeating: 0, count: R * (steps + 1)), final: x0)
        // Per-replicate mean and SD: the columns of the n × R batch (parallel, thread-count invariant).
        func record(_ t: Int) {
            guard n > 0 else { return }
            let stats = ColumnStatistics(x)
            for r in 0..<R {
                result.mean[r * (steps + 1) + t] = stats.mean[r]
                result.spread[r * (steps + 1) + t] = n > 1 ? (stats.centredSumOfSquares[r] / Double(n - 1)).squareRoot() : 0
            }
        }
        let isolated = (0..<n).filter { population.inDegree[$0] == 0 }
        record(0)
        for t in stride(from: 1, through: steps, by: 1) {
            try w.multiply(x, into: &next)
            // x ← λ ∘ (W x) + (1 − λ) ∘ x0, row by row (agent v's λ across its R replicates).
            next.withUnsafeMutableBufferPointer { y in
            x0.withUnsafeBufferPointer { start in
                let shared = UncheckedSendable((y, start))
                Parallel.forEachChunk(count: n, grain: 2048) { _, rows in
                    let (y, start) = shared.value
                    for v in rows {
                        let l = lambda[v], keep = 1 - l
                        for i in (v * R)..<((v + 1) * R) { y[i] = l * y[i] + keep * start[i] }
                    }
                }
            }
            }
            // Agents with no influencers (a zero row of W) hold their current opinion.
            for v in isolated { for r in 0..<R { next[v, r] = x[v, r] } }
            swap(&x, &next)
            record(t)
        }
        result.final = x
        return result
    }
}

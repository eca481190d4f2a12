import Foundation

extension ReverseInfluenceSampling {
    /// What OPIM-C chose and what it proved.
    public struct OnlineSelection: Sendable, Equatable {
        public var seeds: [Int]
        /// RR sets in each of the two collections when it stopped.
        public var setsPerCollection: Int
        /// The seeds' spread estimated from the checking collection (unbiased).
        public var estimatedSpread: Double
        /// The proven ratio: a lower bound on the seeds' spread over an upper bound on the best
        /// spread of k seeds, both holding together with probability at least 1 − δ.
        public var approximation: Double
        /// Rounds of doubling it took.
        public var rounds: Int
    }

    static func onlineSizes(n: Int, k: Int, epsilon: Double, delta: Double) -> (first: Double, last: Double) {
        let e1 = 1 - 1 / M_E
        let alpha = log(6 / delta).squareRoot()
        let beta = (e1 * (logBinomial(n, k) + log(6 / delta))).squareRoot()
        let first = 2 * pow(e1 * alpha + beta, 2)
        return (first, first * Double(n) / (Double(k) * epsilon * epsilon))
    }

    /// OPIM-C: seeds within (1 − 1/e − ε) of the best with probability at least 1 − δ (δ = 1/n
    /// unless given, the guarantee IMM gives with ℓ = 1), for any of the cascade's probabilities.
    ///
    /// Each round doubles both collections, chooses seeds greedily on the first, and bounds
    /// (Tang et al. 2018, eqs. for σˡ and σᵘ): the chosen seeds' coverage of the second from
    /// below, and the best coverage of the first from above by the greedy's own bound. It stops
    /// at the first round whose ratio reaches 1 − 1/e − ε; at the last round the sample size
    /// alone guarantees it.
    ///
    /// No ε is refused up front: a near-optimal greedy proves even a tiny ε in a few rounds. A
    /// round that would pass `limit` sets in all stops the run with an error instead.
    public static func opim(_ population: Population, count k: Int, probability: IndependentCascade.Probability,
                            epsilon: Double = 0.1, delta: Double? = nil, seed: UInt64, limit: Double = setLimit) throws -> OnlineSelection {
        let n = population.count
        guard k > 0, n > 0 else { return OnlineSelection(seeds: [], setsPerCollection: 0, estimatedSpread: 0, approximation: 1, rounds: 0) }
        let delta = delta ?? 1 / Double(max(n, 2))
        let (first, last) = onlineSizes(n: n, k: k, epsilon: epsilon, delta: delta)
        let rounds = Int(log2(max(1, last / first.rounded(.down)))) + 1
        let a = log(3 * Double(rounds) / delta)
        let goal = 1 - 1 / M_E - epsilon
        var sampler = Sampler(population: population, probability: probability, seed: seed)
        var choose = Sets(), check = Sets()
        var result = OnlineSelection(seeds: [], setsPerCollection: 0, estimatedSpread: 0, approximation: 0, rounds: 0)
        for round in 1...rounds {
            let planned = first.rounded(.down) * pow(2, Double(round - 1))
            if 2 * planned > limit {
                throw SimulationError.outOfRange(parameter: "opim ε", value: epsilon, allowed: "larger on this network: "
                    + "\(2 * result.setsPerCollection) reverse-reachable sets proved a ratio of \(String(format: "%.3f", result.approximation)) "
                    + "where \(String(format: "%.3f", goal)) was asked, and the next round would pass the \(Int(limit)) sets memory holds")
            }
            let size = Int(planned)
            try grow(&sampler, &choose, to: size, collection: 1)
            try grow(&sampler, &check, to: size, collection: 2)
            let coverage = select(choose, n: n, k: k)
            let checked = Double(covered(check, by: coverage.seeds, n: n))
            let lower = pow((checked + 2 * a / 9).squareRoot() - (a / 2).squareRoot(), 2) - a / 18
            let upper = pow((Double(coverage.upperBound) + a / 2).squareRoot() + (a / 2).squareRoot(), 2)
            result = OnlineSelection(seeds: coverage.seeds, setsPerCollection: size, estimatedSpread: Double(n) * checked / Double(size),
                                     approximation: max(0, lower / upper), rounds: round)
            if result.approximation >= goal { break }
        }
        return result
    }
}

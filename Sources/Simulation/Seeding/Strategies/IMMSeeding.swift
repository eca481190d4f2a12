/// IMM (reverse influence sampling) for independent cascade: within (1 − 1/e − ε) of the best
/// spread with high probability, on networks of millions.
public struct IMMSeeding: CatalogSeeding {
    public static let name = "imm"
    public static let summary = "IMM reverse influence sampling for independent cascade: within (1 − 1/e − ε) of the best, on millions"
    public static let parameters: [CatalogParameter] = [
        .seedCount,
        CatalogParameter("probability", .probability, default: "0.05", "the cascade probability the seeds are chosen for"),
        CatalogParameter("epsilon", .probability, default: "0.1", "ε in (0, 1): the approximation slack"),
    ]
    public var count: Int
    public var probability: Double
    public var epsilon: Double

    public init(count: Int, probability: Double = 0.05, epsilon: Double = 0.1) {
        self.count = count
        self.probability = probability
        self.epsilon = epsilon
    }

    public init(parameters: CatalogValues) throws {
        let count = try parameters.requiredInteger("count")
        let epsilon = parameters.number("epsilon", default: 0.1)
        guard epsilon > 0, epsilon < 1 else { throw SimulationError.outOfRange(parameter: "imm ε", value: epsilon, allowed: "(0, 1)") }
        self.init(count: count, probability: parameters.number("probability", default: 0.05), epsilon: epsilon)
    }

    public func prepare(_ population: Population, seed: UInt64) throws -> SeedingStrategy.Prepared {
        try SeedRanking.check(count, of: population.count)
        try SimulationError.probability("imm probability", probability)
        guard epsilon > 0, epsilon < 1 else { throw SimulationError.outOfRange(parameter: "imm ε", value: epsilon, allowed: "(0, 1)") }
        let sets = ReverseInfluenceSampling.maximumSets(agents: population.count, count: count, epsilon: epsilon)
        if sets > ReverseInfluenceSampling.setLimit {
            // λ* grows as 1/ε²: the smallest ε within the limit.
            let smallest = epsilon * (sets / ReverseInfluenceSampling.setLimit).squareRoot()
            throw SimulationError.outOfRange(parameter: "imm ε", value: epsilon,
                                             allowed: "≥ \(String(format: "%.2g", smallest)) on this network (ε = \(epsilon) may need "
                                                 + "\(String(format: "%.2g", sets)) reverse-reachable sets, more than memory holds)")
        }
        return .fixed(try ReverseInfluenceSampling.imm(population, count: count, probability: probability, epsilon: epsilon, seed: seed))
    }
}

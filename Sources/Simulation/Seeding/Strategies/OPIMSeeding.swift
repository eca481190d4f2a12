/// OPIM-C over subset-sampled RR sets (SUBSIM's sampler): the (1 − 1/e − ε) guarantee of IMM,
/// proven online, so it stops as soon as its bounds allow (usually tens of times fewer sets).
/// Takes the cascade's probability as the independent-cascade model writes it: one p,
/// weighted-cascade or edge-weights.
public struct OPIMSeeding: CatalogSeeding {
    public static let name = "opim"
    public static let summary = "OPIM-C with subset sampling (SUBSIM) for independent cascade: within (1 − 1/e − ε) of the best, "
        + "stopping as soon as that is proven"
    public static let parameters: [CatalogParameter] = [
        .seedCount,
        CatalogParameter("p", .probabilityOrWord(["weighted-cascade", "edge-weights"]), default: "0.05",
                         "the cascade's probability the seeds are chosen for, as independent-cascade's p"),
        CatalogParameter("epsilon", .probability, default: "0.1", "ε in (0, 1): the approximation slack"),
    ]
    public var count: Int
    public var probability: IndependentCascade.Probability
    public var epsilon: Double

    public init(count: Int, probability: IndependentCascade.Probability = .uniform(0.05), epsilon: Double = 0.1) {
        self.count = count
        self.probability = probability
        self.epsilon = epsilon
    }

    public init(parameters: CatalogValues) throws {
        let probability: IndependentCascade.Probability
        switch parameters["p"] {
        case .word("weighted-cascade")?: probability = .weightedCascade
        case .word("edge-weights")?: probability = .edgeWeights
        default: probability = .uniform(parameters.number("p", default: 0.05))
        }
        let epsilon = parameters.number("epsilon", default: 0.1)
        guard epsilon > 0, epsilon < 1 else { throw SimulationError.outOfRange(parameter: "opim ε", value: epsilon, allowed: "(0, 1)") }
        self.init(count: try parameters.requiredInteger("count"), probability: probability, epsilon: epsilon)
    }

    public func prepare(_ population: Population, seed: UInt64) throws -> SeedingStrategy.Prepared {
        .fixed(try select(population, seed: seed).seeds)
    }

    /// The seeds with what OPIM-C proved of them.
    public func select(_ population: Population, seed: UInt64) throws -> ReverseInfluenceSampling.OnlineSelection {
        try SeedRanking.check(count, of: population.count)
        guard epsilon > 0, epsilon < 1 else { throw SimulationError.outOfRange(parameter: "opim ε", value: epsilon, allowed: "(0, 1)") }
        try IndependentCascade(probability: probability).validate(population)
        return try ReverseInfluenceSampling.opim(population, count: count, probability: probability, epsilon: epsilon, seed: seed)
    }
}

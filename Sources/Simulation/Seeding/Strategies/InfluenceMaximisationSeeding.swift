/// Greedy influence maximisation for independent cascade (CELF with Monte Carlo spread): near the
/// best seed set a cascade with this probability can have, for small networks.
public struct InfluenceMaximisationSeeding: CatalogSeeding {
    public static let name = "influence-maximisation"
    public static let summary = "greedy influence maximisation for independent cascade (CELF, Monte Carlo spread), for small networks"
    public static let parameters: [CatalogParameter] = [
        .seedCount,
        CatalogParameter("probability", .probability, default: "0.05", "the cascade probability the seeds are chosen for"),
        CatalogParameter("simulations", .integer(min: 1), default: "200", "Monte Carlo runs per spread estimate"),
    ]
    public var count: Int
    public var probability: Double
    public var simulations: Int

    public init(count: Int, probability: Double = 0.05, simulations: Int = 200) {
        self.count = count
        self.probability = probability
        self.simulations = simulations
    }

    public init(parameters: CatalogValues) throws {
        let count = try parameters.requiredInteger("count")
        self.init(count: count, probability: parameters.number("probability", default: 0.05),
                  simulations: parameters.integer("simulations") ?? 200)
    }

    public func prepare(_ population: Population, seed: UInt64) throws -> SeedingStrategy.Prepared {
        try SeedRanking.check(count, of: population.count)
        try SimulationError.probability("influence-maximisation probability", probability)
        guard simulations >= 1 else {
            throw SimulationError.outOfRange(parameter: "influence-maximisation simulations", value: Double(simulations), allowed: "≥ 1")
        }
        return .fixed(InfluenceMaximisation.celf(population, count: count, probability: probability, simulations: simulations, seed: seed))
    }
}

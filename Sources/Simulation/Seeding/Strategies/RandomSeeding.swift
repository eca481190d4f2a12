/// Seeds drawn uniformly at random, afresh in every replicate (from the `.seeding` stream).
public struct RandomSeeding: CatalogSeeding {
    public static let name = "random"
    public static let summary = "uniformly at random, drawn afresh in every replicate"
    public static let parameters: [CatalogParameter] = [.seedCount]
    public var count: Int

    public init(count: Int) { self.count = count }

    public init(parameters: CatalogValues) throws {
        self.init(count: try parameters.requiredInteger("count"))
    }

    public func prepare(_ population: Population, seed: UInt64) throws -> SeedingStrategy.Prepared {
        try SeedRanking.check(count, of: population.count)
        return .sample(pool: nil, population: population.count, count: count)
    }
}

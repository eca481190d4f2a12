/// A strategy that scores every agent and takes the `count` highest (lowest, when `ascending`):
/// the same seeds in every replicate. Conformances give only their score.
public protocol RankingSeeding: CatalogSeeding {
    var count: Int { get }
    init(count: Int)
    /// Lower scores first (Burt constraint: the least constrained are the brokers).
    static var ascending: Bool { get }
    /// One score per agent; NaN leaves an agent out.
    func scores(_ population: Population, seed: UInt64) throws -> [Double]
    /// Whether an agent may be chosen at all (default: everyone).
    func eligible(_ population: Population) -> (Int) -> Bool
}

extension RankingSeeding {
    public static var ascending: Bool { false }
    public static var parameters: [CatalogParameter] { [.seedCount] }
    public func eligible(_ population: Population) -> (Int) -> Bool { { _ in true } }

    public init(parameters: CatalogValues) throws {
        self.init(count: try parameters.requiredInteger("count"))
    }

    public func prepare(_ population: Population, seed: UInt64) throws -> SeedingStrategy.Prepared {
        try SeedRanking.check(count, of: population.count)
        let chosen = SeedRanking.top(try scores(population, seed: seed), count, ascending: Self.ascending, eligible: eligible(population))
        guard chosen.count == count else { throw SimulationError.tooManySeeds(requested: count, nodes: chosen.count) }
        return .fixed(chosen)
    }
}

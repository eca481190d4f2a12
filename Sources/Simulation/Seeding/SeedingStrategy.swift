import NumericCore

/// How the first adopters (champions) are chosen: one of `SeedingCatalog`'s strategies with its
/// values.
///
/// Ranking strategies pick the same agents in every replicate; `random` and `attribute` draw per
/// replicate from the `.seeding` stream, so replicates differ but a seed fixes them all. Ties in a
/// ranking go to the lower node id.
public struct SeedingStrategy: Sendable, Equatable {
    public let strategy: any CatalogSeeding

    public init(_ strategy: any CatalogSeeding) { self.strategy = strategy }

    /// The strategy's name in scenario files and outputs.
    public var name: String { type(of: strategy).name }

    public static func == (a: SeedingStrategy, b: SeedingStrategy) -> Bool { a.strategy.isEqual(b.strategy) }

    public func prepare(_ population: Population, seed: UInt64 = 0) throws -> Prepared {
        try strategy.prepare(population, seed: seed)
    }

    /// Seeds decided once for all replicates, or drawn per replicate from a pool.
    public enum Prepared: Sendable {
        case fixed([Int])
        /// `count` agents drawn from `pool`, or from everyone when the pool is nil.
        case sample(pool: [Int]?, population: Int, count: Int)

        /// The seeds of one replicate.
        public func seeds(seed: UInt64, replicate: Int) -> [Int] {
            var rng = Xoshiro256PlusPlus(seed: seed, replicate: UInt64(replicate), purpose: .seeding)
            return draw(using: &rng)
        }

        /// The fixed list, or a fresh draw from `rng` (interventions draw from their own stream).
        public func draw(using rng: inout Xoshiro256PlusPlus) -> [Int] {
            switch self {
            case let .fixed(list): return list
            case let .sample(pool, population, count):
                let drawn = rng.sampleWithoutReplacement(count, from: pool?.count ?? population)
                return pool.map { pool in drawn.map { pool[$0] } } ?? drawn
            }
        }
    }

    // The strategies by the names code uses.
    public static func random(count: Int) -> Self { Self(RandomSeeding(count: count)) }
    public static func degree(count: Int) -> Self { Self(DegreeSeeding(count: count)) }
    public static func betweenness(count: Int) -> Self { Self(BetweennessSeeding(count: count)) }
    public static func pagerank(count: Int) -> Self { Self(PageRankSeeding(count: count)) }
    public static func kcore(count: Int) -> Self { Self(KCoreSeeding(count: count)) }
    public static func onePerCommunity(count: Int) -> Self { Self(CommunitySeeding(count: count)) }
    public static func brokerage(count: Int) -> Self { Self(BrokerageSeeding(count: count)) }
    public static func attribute(name: String, values: [String], count: Int?) -> Self {
        Self(AttributeSeeding(attribute: name, values: values, count: count))
    }
    public static func nodes(_ labels: [String]) -> Self { Self(NamedSeeding(labels: labels)) }
    public static func influenceMaximisation(count: Int, probability: Double, simulations: Int) -> Self {
        Self(InfluenceMaximisationSeeding(count: count, probability: probability, simulations: simulations))
    }
    public static func reverseInfluenceSampling(count: Int, probability: Double, epsilon: Double) -> Self {
        Self(IMMSeeding(count: count, probability: probability, epsilon: epsilon))
    }
    public static func opim(count: Int, probability: IndependentCascade.Probability, epsilon: Double = 0.1) -> Self {
        Self(OPIMSeeding(count: count, probability: probability, epsilon: epsilon))
    }
}

import Graphs

/// One seed in each of the `count` largest Leiden communities: its best-connected member, so the
/// practice starts in every part of the network at once.
public struct CommunitySeeding: CatalogSeeding {
    public static let name = "community"
    public static let summary = "the best-connected member of each of the largest Leiden communities"
    public static let parameters: [CatalogParameter] = [.seedCount]
    public var count: Int

    public init(count: Int) { self.count = count }

    public init(parameters: CatalogValues) throws {
        self.init(count: try parameters.requiredInteger("count"))
    }

    public func prepare(_ population: Population, seed: UInt64) throws -> SeedingStrategy.Prepared {
        try SeedRanking.check(count, of: population.count)
        let degrees = SeedRanking.degrees(population)
        let partition = Leiden(seed: seed).communities(population.graph)
        let members = partition.members.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
        guard count <= members.count else {
            throw SimulationError.outOfRange(parameter: "community seed count", value: Double(count),
                                             allowed: "at most the \(members.count) communities found")
        }
        return .fixed(members.prefix(count).map { group in group.max { degrees[$0] != degrees[$1] ? degrees[$0] < degrees[$1] : $0 > $1 }! })
    }
}

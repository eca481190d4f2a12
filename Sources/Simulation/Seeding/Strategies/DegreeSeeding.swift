/// The most connected agents (out-degree when directed): the obvious champions.
public struct DegreeSeeding: RankingSeeding {
    public static let name = "degree"
    public static let summary = "the most connected (out-degree when directed)"
    public var count: Int
    public init(count: Int) { self.count = count }

    public func scores(_ population: Population, seed: UInt64) -> [Double] { SeedRanking.degrees(population) }
}

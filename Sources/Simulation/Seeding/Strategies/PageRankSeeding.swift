import Graphs

/// The agents with the highest PageRank: connected to the well connected.
public struct PageRankSeeding: RankingSeeding {
    public static let name = "pagerank"
    public static let summary = "highest PageRank: connected to the well connected"
    public var count: Int
    public init(count: Int) { self.count = count }

    public func scores(_ population: Population, seed: UInt64) throws -> [Double] { try PageRank().scores(population.graph) }
}

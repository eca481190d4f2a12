import Graphs

/// The agents with the highest betweenness: brokers on the shortest paths between others (exact up
/// to 5 000 agents, else estimated from 500 sampled sources).
public struct BetweennessSeeding: RankingSeeding {
    public static let name = "betweenness"
    public static let summary = "highest betweenness: the brokers (exact up to 5 000 people, else from 500 sampled sources)"
    public var count: Int
    public init(count: Int) { self.count = count }

    public func scores(_ population: Population, seed: UInt64) -> [Double] {
        Betweenness(sampleSize: population.count <= 5000 ? nil : 500, seed: seed).scores(population.graph)
    }
}

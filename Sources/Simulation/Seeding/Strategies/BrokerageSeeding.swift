import Graphs

/// Boundary spanners: the lowest Burt constraint among agents with two or more contacts.
public struct BrokerageSeeding: RankingSeeding {
    public static let name = "brokerage"
    public static let summary = "boundary spanners: lowest Burt constraint among people with two or more contacts"
    public static let ascending = true
    public var count: Int
    public init(count: Int) { self.count = count }

    public func scores(_ population: Population, seed: UInt64) -> [Double] { population.graph.structuralHoles().constraint }

    public func eligible(_ population: Population) -> (Int) -> Bool {
        let degrees = SeedRanking.degrees(population)
        return { degrees[$0] >= 2 }
    }
}

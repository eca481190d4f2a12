import Graphs

/// The deepest k-core first, by degree within a core: the dense centre of the network.
public struct KCoreSeeding: RankingSeeding {
    public static let name = "kcore"
    public static let summary = "the deepest k-core first, by degree within a core"
    public var count: Int
    public init(count: Int) { self.count = count }

    public func scores(_ population: Population, seed: UInt64) -> [Double] {
        let cores = population.graph.coreNumbers(), degrees = SeedRanking.degrees(population)
        // Core number first, degree to break ties within a core.
        let scale = (degrees.max() ?? 0) + 1
        return degrees.indices.map { Double(cores[$0]) * scale + degrees[$0] }
    }
}

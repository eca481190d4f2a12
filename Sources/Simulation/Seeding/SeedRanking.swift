/// What ranking strategies share: checking a count against what is available, and taking the
/// top-scoring agents with ties to the lower node id (so rankings are the same on every machine).
enum SeedRanking {
    static func check(_ count: Int, of available: Int) throws {
        guard count >= 0 else { throw SimulationError.outOfRange(parameter: "seed count", value: Double(count), allowed: "≥ 0") }
        guard count <= available else { throw SimulationError.tooManySeeds(requested: count, nodes: available) }
    }

    static func top(_ scores: [Double], _ count: Int, ascending: Bool = false, eligible: (Int) -> Bool = { _ in true }) -> [Int] {
        let candidates = scores.indices.filter { eligible($0) && !scores[$0].isNaN }
        return Array(candidates.sorted {
            scores[$0] != scores[$1] ? (ascending ? scores[$0] < scores[$1] : scores[$0] > scores[$1]) : $0 < $1
        }.prefix(count))
    }

    /// Degree (out-degree when directed) of every agent.
    static func degrees(_ population: Population) -> [Double] {
        (0..<population.count).map { Double(population.offsets[$0 + 1] - population.offsets[$0]) }
    }
}

import Graphs
import NumericCore
import Simulation
import Testing

/// What every seeding strategy must do — the bar a new strategy's test file calls. It builds from
/// its example values; it picks distinct agents of the network, as many as asked; the same seed
/// picks the same agents; a ranking gives the same seeds in every replicate; asking for more seeds
/// than there are agents is an error naming the counts, not a trap.
public enum SeedingConformance {
    public static func build(_ type: any CatalogSeeding.Type, _ values: [String: ParameterValue]? = nil) throws -> SeedingStrategy {
        SeedingStrategy(try type.init(parameters: CatalogValues(owner: type.name, values ?? type.example)))
    }

    public static func check(_ type: any CatalogSeeding.Type) throws {
        #expect(!type.summary.isEmpty && type.parameters.allSatisfy { !$0.help.isEmpty }, "\(type.name): undocumented")
        #expect(Set(type.parameters.map(\.name)).count == type.parameters.count, "\(type.name): a parameter named twice")
        let population = Population(ModelConformance.network)
        let strategy = try build(type)
        #expect(strategy.name == type.name)
        let prepared = try strategy.prepare(population, seed: 1)
        let seeds = (0..<4).map { prepared.seeds(seed: 1, replicate: $0) }
        for s in seeds {
            #expect(Set(s).count == s.count && s.allSatisfy { (0..<population.count).contains($0) }, "\(type.name): \(s)")
            if case let .integer(k)? = type.example["count"] { #expect(s.count == k, "\(type.name): \(s.count) seeds, asked \(k)") }
            #expect(!s.isEmpty, "\(type.name): no seeds")
        }
        // Reproducible: the same seed prepares the same seeds.
        let again = try strategy.prepare(population, seed: 1)
        #expect((0..<4).map { again.seeds(seed: 1, replicate: $0) } == seeds, "\(type.name): not reproducible")
        if case .fixed = prepared { #expect(Set(seeds.map { $0 }).count == 1, "\(type.name): a ranking changed between replicates") }
        // Too many: an error that says so.
        if type.parameters.contains(where: { $0.name == "count" }) {
            var values = type.example
            values["count"] = .integer(population.count + 1)
            #expect(throws: SimulationError.self, "\(type.name) took more seeds than people") {
                _ = try build(type, values).prepare(population, seed: 1)
            }
        }
    }
}

import Foundation
import Graphs
import Scenarios
import Simulation

/// Influence-maximising seed selection (OPIM-C over subset-sampled RR sets) on a network loaded
/// once: the selection is what is timed, as SUBSIM times its own. The chosen seeds' spread is then
/// scored by Skein's independent-cascade simulator beside the same number of highest-degree seeds
/// (untimed, once per distinct result), so the figures say what the guarantee buys on this graph.
public struct SeedingWorkload: Workload {
    public var network: NetworkSpec
    public var strategy: OPIMSeeding
    public var seed: UInt64
    /// Cascades per spread estimate.
    public var replicates: Int

    public init(network: NetworkSpec, strategy: OPIMSeeding, seed: UInt64 = 1, replicates: Int = 2000) {
        self.network = network
        self.strategy = strategy
        self.seed = seed
        self.replicates = replicates
    }

    public var unit: String { "seeds" }

    /// The population, the degree baseline's spread, and the spreads of the seed sets scored so far.
    public final class Input: @unchecked Sendable {
        let graph: Graph
        let population: Population
        let degreeSpread: Double
        private let lock = NSLock()
        private var scored: [[Int]: Double] = [:]

        init(graph: Graph, population: Population, degreeSpread: Double) {
            self.graph = graph
            self.population = population
            self.degreeSpread = degreeSpread
        }

        func spread(of seeds: [Int], _ score: ([Int]) throws -> Double) rethrows -> Double {
            if let known = lock.withLock({ scored[seeds] }) { return known }
            let value = try score(seeds)
            lock.withLock { scored[seeds] = value }
            return value
        }
    }

    func spread(_ seeds: [Int], on graph: Graph, _ population: Population) throws -> Double {
        let labels = seeds.map { graph.nodes.label($0) }
        let result = try Ensemble(replicates: replicates, horizon: 10_000, seed: seed, seeding: .nodes(labels))
            .run(IndependentCascade(probability: strategy.probability), on: population)
        return result.summaries.reduce(0) { $0 + Double($1.finalReach) } / Double(max(1, result.summaries.count))
    }

    public func prepare() throws -> Input {
        let graph = try network.build()
        let population = Population(graph)
        let degree = try SeedingStrategy.degree(count: strategy.count).prepare(population).seeds(seed: seed, replicate: 0)
        return Input(graph: graph, population: population, degreeSpread: try spread(degree, on: graph, population))
    }

    public func execute(_ input: Input) throws -> ReverseInfluenceSampling.OnlineSelection {
        try strategy.select(input.population, seed: seed)
    }

    public func outcome(_ selection: ReverseInfluenceSampling.OnlineSelection, input: Input) throws -> WorkloadOutcome {
        var c = Checksum()
        c.add(selection.seeds)
        c.add(selection.setsPerCollection)
        let spread = try input.spread(of: selection.seeds) { try self.spread($0, on: input.graph, input.population) }
        return WorkloadOutcome(checksum: c.hex(), work: Double(selection.seeds.count), figures: [
            "rr_sets": Double(2 * selection.setsPerCollection),
            "approximation": selection.approximation,
            "estimated_spread": selection.estimatedSpread,
            "simulated_spread": spread,
            "degree_spread": input.degreeSpread,
        ])
    }
}

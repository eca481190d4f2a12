import Foundation
import Graphs
@testable import Simulation

/// Small graphs for the simulation tests.
enum SimulationFixtures {
    static func graph(_ edges: [(String, String)], directed: Bool, nodes: [String] = []) -> Graph {
        var b = GraphBuilder(directed: directed)
        for v in nodes { b.addNode(v) }
        for (u, v) in edges { b.addEdge(u, v) }
        return try! b.build()
    }

    /// A directed diamond with a tail: a → b, a → c, b → d, c → d, d → e, b → c.
    static let diamond = graph([("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "e"), ("b", "c")], directed: true)

    /// Mean reach share and its standard error over an ensemble's replicates.
    static func reachShare(_ result: EnsembleResult) -> (mean: Double, se: Double) {
        let shares = result.summaries.map(\.reachShare)
        let mean = shares.reduce(0, +) / Double(shares.count)
        let variance = shares.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, shares.count - 1))
        return (mean, (variance / Double(shares.count)).squareRoot())
    }

    /// Per-node probability of ever adopting, estimated from the final step of each replicate
    /// (re-run with the same streams to read the agents).
    static func adoptionFrequencies<M: DiffusionModel>(_ model: M, _ graph: Graph, seeds: [String], replicates: Int, seed: UInt64 = 1) throws -> [Double] {
        let population = Population(graph)
        var counts = [Double](repeating: 0, count: graph.nodeCount)
        var ensemble = Ensemble(replicates: replicates, horizon: graph.nodeCount + 1, seed: seed, seeding: .nodes(seeds))
        ensemble.recordAgents = true
        let result = try ensemble.run(model, on: population)
        for r in 0..<replicates {
            for v in 0..<graph.nodeCount where result.everAdopted(replicate: r, node: v) { counts[v] += 1 }
        }
        return counts.map { $0 / Double(replicates) }
    }
}

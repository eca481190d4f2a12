import Foundation
import Graphs
import Testing
@testable import Simulation

/// Small graphs for the simulation tests.
enum SimulationFixtures {
    static func graph(_ edges: [(String, String)], directed: Bool, nodes: [String] = []) -> Graph {
        var b = GraphBuilder(directed: directed)
        for v in nodes { b.addNode(v) }
        for (u, v) in edges { b.addEdge(u, v) }
        return try! b.build()
    }

    /// The undirected path 0 — 1 — … — (n − 1).
    static func path(_ n: Int) -> Graph {
        graph((0..<(n - 1)).map { ("\($0)", "\($0 + 1)") }, directed: false)
    }

    /// A directed diamond with a tail: a → b, a → c, b → d, c → d, d → e, b → c.
    static let diamond = graph([("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "e"), ("b", "c")], directed: true)

    /// Mean of a sample and the standard error of that mean.
    static func meanAndStandardError(_ values: [Double]) -> (mean: Double, se: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, values.count - 1))
        return (mean, (variance / Double(values.count)).squareRoot())
    }

    /// Mean reach share and its standard error over an ensemble's replicates.
    static func reachShare(_ result: EnsembleResult) -> (mean: Double, se: Double) {
        meanAndStandardError(result.summaries.map(\.reachShare))
    }

    /// Mean final size (agents ever reached) and its standard error.
    static func finalSize(_ result: EnsembleResult) -> (mean: Double, se: Double) {
        meanAndStandardError(result.summaries.map { Double($0.finalReach) })
    }

    /// Each agent's estimated adoption frequency within 5 binomial standard errors of the exact probability.
    static func expectFrequencies(_ estimated: [Double], match expected: [Double], replicates: Int, in g: Graph) {
        for v in 0..<g.nodeCount {
            let se = max(1e-9, (expected[v] * (1 - expected[v]) / Double(replicates)).squareRoot())
            #expect(abs(estimated[v] - expected[v]) <= 5 * se, "\(g.nodes.label(v)): \(estimated[v]) vs \(expected[v])")
        }
    }

    /// Per-node probability of ever adopting, estimated from the final step of each replicate
    /// (re-run with the same streams to read the agents). The horizon defaults to n + 1 steps, enough
    /// for a cascade in which each agent acts once; models whose agents stay active longer need more.
    static func adoptionFrequencies<M: DiffusionModel>(_ model: M, _ graph: Graph, seeds: [String], replicates: Int, seed: UInt64 = 1,
                                                       horizon: Int? = nil) throws -> [Double] {
        let population = Population(graph)
        var counts = [Double](repeating: 0, count: graph.nodeCount)
        var ensemble = Ensemble(replicates: replicates, horizon: horizon ?? graph.nodeCount + 1, seed: seed, seeding: .nodes(seeds))
        ensemble.recordAgents = true
        let result = try ensemble.run(model, on: population)
        for r in 0..<replicates {
            for v in 0..<graph.nodeCount where result.everAdopted(replicate: r, node: v) { counts[v] += 1 }
        }
        return counts.map { $0 / Double(replicates) }
    }
}

import Foundation
import Testing
import TestSupport
import Graphs
@testable import Simulation

/// Independent cascade against exact probabilities: on a 5-node graph with 6 arcs, the chance each
/// node is reached is a sum over all 2⁶ live-edge subsets (Kempe et al.: IC is reachability in
/// the random graph that keeps each arc with probability p). Monte Carlo must agree within 5
/// standard errors.
@Suite("Independent cascade")
struct IndependentCascadeTests {
    /// P(node reached from `seed`) by enumerating live-edge subsets.
    static func exact(_ g: Graph, seed: Int, p: Double) -> [Double] {
        var arcs: [(Int, Int)] = []
        for u in 0..<g.nodeCount { for v in g.neighbours(of: u) { arcs.append((u, Int(v))) } }
        var probability = [Double](repeating: 0, count: g.nodeCount)
        for mask in 0..<(1 << arcs.count) {
            var weight = 1.0
            for (i, _) in arcs.enumerated() { weight *= mask & (1 << i) != 0 ? p : 1 - p }
            var reached: Set<Int> = [seed], stack = [seed]
            while let u = stack.popLast() {
                for (i, arc) in arcs.enumerated() where arc.0 == u && mask & (1 << i) != 0 && reached.insert(arc.1).inserted { stack.append(arc.1) }
            }
            for v in reached { probability[v] += weight }
        }
        return probability
    }

    @Test("reach probabilities match live-edge enumeration", arguments: [0.3, 0.7])
    func exactProbabilities(p: Double) throws {
        let g = SimulationFixtures.diamond
        let replicates = 20_000
        let estimated = try SimulationFixtures.adoptionFrequencies(IndependentCascade(p: p), g, seeds: ["a"], replicates: replicates)
        let expected = Self.exact(g, seed: g.nodes.id(of: "a")!, p: p)
        SimulationFixtures.expectFrequencies(estimated, match: expected, replicates: replicates, in: g)
    }

    @Test("p = 0 reaches only the seeds; p = 1 reaches everything downstream")
    func extremes() throws {
        let g = SimulationFixtures.diamond
        let none = try SimulationFixtures.adoptionFrequencies(IndependentCascade(p: 0), g, seeds: ["b"], replicates: 10)
        #expect(none == [0, 1, 0, 0, 0])
        let all = try SimulationFixtures.adoptionFrequencies(IndependentCascade(p: 1), g, seeds: ["b"], replicates: 10)
        #expect(all == [0, 1, 1, 1, 1])
    }

    @Test("weighted cascade and edge-weight probabilities agree with enumeration where they coincide")
    func weightedVariants() throws {
        // On the diamond, in-degrees are b 1, c 2, d 2, e 1: weighted cascade gives arcs into c and d probability 1/2.
        let g = SimulationFixtures.diamond
        let estimated = try SimulationFixtures.adoptionFrequencies(IndependentCascade(probability: .weightedCascade), g, seeds: ["a"], replicates: 20_000)
        // b: 1 (a→b certain); c: 1 − (1/2)(1 − 1/2) = 3/4; d: via b (1/2) or c, …: computed by enumeration over the 2 uncertain arcs into d and c.
        #expect(abs(estimated[g.nodes.id(of: "b")!] - 1) < 1e-12)
        #expect(abs(estimated[g.nodes.id(of: "c")!] - 0.75) < 5 * (0.75 * 0.25 / 20_000).squareRoot())
    }

    @Test("invalid probability is a typed error naming the parameter")
    func badParameter() throws {
        let population = Population(SimulationFixtures.diamond)
        #expect(throws: SimulationError.outOfRange(parameter: "independent-cascade p", value: 1.5, allowed: "[0, 1]")) {
            try Ensemble(replicates: 1, horizon: 5, seeding: .random(count: 1)).run(IndependentCascade(p: 1.5), on: population)
        }
        #expect(throws: SimulationError.tooManySeeds(requested: 6, nodes: 5)) {
            try Ensemble(replicates: 1, horizon: 5, seeding: .random(count: 6)).run(IndependentCascade(p: 0.5), on: population)
        }
    }
}

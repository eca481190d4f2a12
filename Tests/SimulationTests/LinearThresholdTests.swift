import Foundation
import Testing
import TestSupport
import Graphs
@testable import Simulation

/// Linear threshold against exact probabilities: with thresholds uniform on [0, 1] and weights
/// 1/in-degree, LT is equivalent to each agent choosing one in-neighbour uniformly at random and
/// adopting when its chosen neighbour's chain reaches a seed (Kempe et al. 2003, Claim 2.6), so
/// reach probabilities are a finite sum over those choices.
@Suite("Linear threshold")
struct LinearThresholdTests {
    static func exact(_ g: Graph, seed: Int) -> [Double] {
        let n = g.nodeCount
        let inNeighbours = (0..<n).map { Array(g.inNeighbours(of: $0)).map(Int.init) }
        var probability = [Double](repeating: 0, count: n)
        // Enumerate one choice per node with in-neighbours.
        var choice = [Int](repeating: 0, count: n)
        func visit(_ v: Int, _ weight: Double) {
            if v == n {
                var reached = [Bool](repeating: false, count: n)
                reached[seed] = true
                var changed = true
                while changed {
                    changed = false
                    for u in 0..<n where !reached[u] && !inNeighbours[u].isEmpty && reached[inNeighbours[u][choice[u]]] {
                        reached[u] = true
                        changed = true
                    }
                }
                for u in 0..<n where reached[u] { probability[u] += weight }
                return
            }
            if inNeighbours[v].isEmpty { visit(v + 1, weight); return }
            for c in inNeighbours[v].indices {
                choice[v] = c
                visit(v + 1, weight / Double(inNeighbours[v].count))
            }
        }
        visit(0, 1)
        return probability
    }

    @Test("uniform thresholds: reach probabilities match the live-edge enumeration")
    func exactProbabilities() throws {
        let g = SimulationFixtures.diamond
        let replicates = 20_000
        let estimated = try SimulationFixtures.adoptionFrequencies(LinearThreshold(thresholds: .uniform), g, seeds: ["a"], replicates: replicates)
        let expected = Self.exact(g, seed: g.nodes.id(of: "a")!)
        SimulationFixtures.expectFrequencies(estimated, match: expected, replicates: replicates, in: g)
    }

    @Test("fixed thresholds are deterministic: θ = 0.5 needs half the in-neighbours")
    func fixedThresholds() throws {
        let g = SimulationFixtures.diamond
        // From a: b (1/1) adopts; c has in-neighbours a, b: a alone gives 1/2 ≥ 0.5; d needs b or c (1/2); e follows d.
        #expect(try SimulationFixtures.adoptionFrequencies(LinearThreshold(thresholds: .fixed(0.5)), g, seeds: ["a"], replicates: 3) == [1, 1, 1, 1, 1])
        // θ = 0.6: c needs both a and b (b adopts at step 1, then c at 2); d needs both b and c.
        let steps = try Ensemble(replicates: 1, horizon: 6, seeding: .nodes(["a"])).run(LinearThreshold(thresholds: .fixed(0.6)), on: Population(g))
        #expect((0...4).map { Int(steps.reach[$0]) } == [1, 2, 3, 4, 5])
    }
}

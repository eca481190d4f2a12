import Foundation
import Graphs
import Testing
@testable import Simulation

/// The breakdown by `committed` (commitment ≥ 0.5, re-read every step), checked against the closed
/// form of commitment that only decays: a seed with nobody to reinforce it has (1 − δ)^t at step t.
@Suite("Breakdown by committed")
struct CommittedBreakdownTests {
    /// Four people with no ties: the three seeds practise alone, so nothing spreads and nothing reinforces.
    static let isolated = SimulationFixtures.graph([], directed: false, nodes: ["a", "b", "c", "d"])

    @Test("seeds move from committed to uncommitted at (1 − δ)^t < 0.5 and lapse below the dropout")
    func closedForm() throws {
        var ensemble = Ensemble(replicates: 3, horizon: 20, seed: 4, seeding: .nodes(["a", "b", "c"]), breakdown: ["committed"])
        ensemble.waning = WaningCommitment(decay: 0.1, dropout: 0.2)
        let result = try ensemble.run(IndependentCascade(p: 0.5), on: Population(Self.isolated))
        let g = try #require(result.groupNames.firstIndex(of: "committed"))
        #expect(result.groupLevels[g] == ["uncommitted", "committed"])
        for r in 0..<3 {
            for t in 0...20 {
                let c = pow(0.9, Double(t))  // 0.9^6 = 0.53 ≥ 0.5 > 0.9^7; 0.9^15 = 0.21 ≥ 0.2 > 0.9^16
                let practising = c >= 0.2
                #expect(result.groupCount(g, level: 1, .adopted, replicate: r, step: t) == (practising && c >= 0.5 ? 3 : 0), "step \(t)")
                #expect(result.groupCount(g, level: 0, .adopted, replicate: r, step: t) == (practising && c < 0.5 ? 3 : 0), "step \(t)")
                #expect(result.groupCount(g, level: 0, .lapsed, replicate: r, step: t) == (practising ? 0 : 3), "step \(t)")
                #expect(result.groupCount(g, level: 0, .unaware, replicate: r, step: t) == 1)
            }
        }
    }

    @Test("a run without commitment refuses the breakdown, saying what to add")
    func needsCommitment() {
        let ensemble = Ensemble(replicates: 1, horizon: 2, seeding: .nodes(["a"]), breakdown: ["committed"])
        #expect { try ensemble.run(IndependentCascade(p: 0.5), on: Population(Self.isolated)) } throws: { error in
            "\(error)".contains("committed needs commitment") && "\(error)".contains("commitment: {decay")
        }
    }

    @Test("the commitment model's batched kernel gives way to the frontier kernel, which reads commitment back")
    func commitmentModel() throws {
        let graph = SimulationFixtures.path(30)
        var ensemble = Ensemble(replicates: 4, horizon: 15, seed: 2, seeding: .random(count: 3), breakdown: ["committed"])
        let model = CommitmentDynamics(decay: 0.05, reinforcement: 0.6)
        let result = try ensemble.run(model, on: Population(graph))
        #expect(result.kernel == "frontier")
        let g = try #require(result.groupNames.firstIndex(of: "committed"))
        for t in 0...15 {
            let total = (0..<2).reduce(0) { s, l in s + AdoptionState.allCases.reduce(0) { $0 + result.groupCount(g, level: l, $1, replicate: 1, step: t) } }
            #expect(total == 30)
        }
        // Without the breakdown the same ensemble gives the same overall counts (the kernels agree).
        ensemble.breakdown = []
        let plain = try ensemble.run(model, on: Population(graph))
        #expect(plain.stateCounts == result.stateCounts)
    }

    @Test("per-person commitment at the horizon: (1 − δ)^h for seeds alone, 0 for the unreached; both kernels agree")
    func agentCommitment() throws {
        var ensemble = Ensemble(replicates: 3, horizon: 6, seed: 4, seeding: .nodes(["a", "b", "c"]))
        ensemble.waning = WaningCommitment(decay: 0.1, dropout: 0.2)
        ensemble.recordAgents = true
        let result = try ensemble.run(IndependentCascade(p: 0.5), on: Population(Self.isolated))
        let (probability, _, commitment) = result.agentOutcomes()
        #expect(probability == [1, 1, 1, 0])
        for v in 0..<3 { #expect(abs(commitment[v] - pow(0.9, 6)) < 1e-6, "\(commitment[v])") }
        #expect(commitment[3] == 0)
        // Without commitment there is none to report.
        ensemble.waning = nil
        #expect(try ensemble.run(IndependentCascade(p: 0.5), on: Population(Self.isolated)).agentOutcomes().meanCommitment.allSatisfy(\.isNaN))
        // The commitment model's matrix kernel and the frontier kernel (forced by the breakdown) record the same.
        let graph = SimulationFixtures.path(30)
        var matrix = Ensemble(replicates: 4, horizon: 15, seed: 2, seeding: .random(count: 3))
        matrix.recordAgents = true
        let model = CommitmentDynamics(decay: 0.05, reinforcement: 0.6)
        let a = try matrix.run(model, on: Population(graph))
        matrix.breakdown = ["committed"]
        let b = try matrix.run(model, on: Population(graph))
        #expect(a.kernel != b.kernel)
        #expect(a.agentCommitment == b.agentCommitment && !a.agentCommitment.contains { $0.isNaN })
    }
}

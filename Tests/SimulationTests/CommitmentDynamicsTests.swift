import Foundation
import NumericCore
import Testing
import TestSupport
import Graphs
@testable import Simulation

/// Commitment dynamics against closed forms (pure decay, decay with meetings), mean-field
/// behaviour on a complete graph, and the ensemble invariants.
@Suite("Commitment dynamics")
struct CommitmentDynamicsTests {
    static let ring = try! WattsStrogatz(n: 40, k: 4, p: 0).generate(seed: 0)

    @Test("without support, seeds decay as (1 − δ)ᵗ and drop out at the first t with (1 − δ)ᵗ < τ_out")
    func pureDecay() throws {
        let model = CommitmentDynamics(decay: 0.1, reinforcement: 0, activation: 0.5, dropout: 0.2)
        let result = try Ensemble(replicates: 3, horizon: 30, seed: 1, seeding: .random(count: 5)).run(model, on: Population(Self.ring))
        let dropStep = Int((log(0.2) / log(0.9)).rounded(.up))  // 0.9^16 = 0.185 < 0.2
        for r in 0..<3 {
            #expect(result.count(.adopted, replicate: r, step: dropStep - 1) == 5)
            #expect(result.count(.adopted, replicate: r, step: dropStep) == 0 && result.count(.lapsed, replicate: r, step: dropStep) == 5)
            #expect(isClose(result.meanCommitment[r * result.steps + 10], 5 * pow(0.9, 10) / 40, relative: 1e-12))
            #expect(result.summaries[r].lapses == 5)
        }
    }

    @Test("meetings every 5 steps that restore the attendees' commitment sustain the spark")
    func meetings() throws {
        let meeting = NetworkEvent(at: Schedule(at: 5, every: 5), participants: .adopters, boost: 1)
        let model = CommitmentDynamics(decay: 0.1, reinforcement: 0, activation: 0.5, dropout: 0.2)
        let result = try Ensemble(replicates: 2, horizon: 60, seed: 1, seeding: .random(count: 5), interventions: [meeting])
            .run(model, on: Population(Self.ring))
        #expect(result.kernel == "matrix")
        for r in 0..<2 { #expect(result.count(.adopted, replicate: r, step: 60) == 5 && result.summaries[r].lapses == 0) }
    }

    @Test("on a complete graph strong reinforcement carries everyone past τ; without it nobody joins")
    func meanField() throws {
        let complete = try ErdosRenyi(n: 50, p: 1).generate(seed: 0)
        let strong = try Ensemble(replicates: 2, horizon: 40, seed: 3, seeding: .random(count: 10))
            .run(CommitmentDynamics(decay: 0.05, reinforcement: 0.9, activation: 0.5, dropout: 0.2), on: Population(complete))
        #expect(strong.summaries.allSatisfy { $0.finalAdopted == 50 })
        let none = try Ensemble(replicates: 2, horizon: 40, seed: 3, seeding: .random(count: 10))
            .run(CommitmentDynamics(decay: 0.05, reinforcement: 0, activation: 0.5, dropout: 0.2), on: Population(complete))
        #expect(none.summaries.allSatisfy { $0.finalReach == 10 })
    }

    @Test("with noise and random attendance: reproducible, thread-count invariant, counts add up")
    func invariants() throws {
        let network = ModelConformanceTests.network
        let model = CommitmentDynamics(decay: 0.08, reinforcement: 0.4, activation: 0.5, dropout: 0.25, noise: 0.05)
        let ensemble = Ensemble(replicates: 6, horizon: 30, seed: 5, seeding: .random(count: 8), interventions: Self.meetings)
        let one = try Compute.withThreads(1) { try ensemble.run(model, on: Population(network)) }
        let two = try Compute.withThreads(2) { try ensemble.run(model, on: Population(network)) }
        #expect(one.stateCounts == two.stateCounts && one.meanCommitment == two.meanCommitment && one.summaries == two.summaries)
        for r in 0..<6 { for t in 0..<one.steps {
            #expect(AdoptionState.allCases.reduce(0) { $0 + one.count($1, replicate: r, step: t) } == network.nodeCount)
        } }
    }

    @Test("bad parameters are typed errors naming the parameter")
    func errors() throws {
        let p = Population(Self.ring)
        let ensemble = Ensemble(replicates: 1, horizon: 10, seeding: .random(count: 1))
        #expect(throws: SimulationError.outOfRange(parameter: "commitment decay δ", value: 1.5, allowed: "[0, 1]")) {
            try ensemble.run(CommitmentDynamics(decay: 1.5, reinforcement: 0), on: p)
        }
        var late = ensemble
        late.interventions = [NetworkEvent(at: Schedule(at: 20), participants: .everyone, boost: 0.5)]
        #expect(throws: SimulationError.afterHorizon(what: "interventions[0] (event)", time: 20, horizon: 10)) {
            try late.run(CommitmentDynamics(decay: 0.1, reinforcement: 0), on: p)
        }
        #expect(throws: SimulationError.self) {
            try ensemble.run(CommitmentDynamics(decay: 0.1, reinforcement: 0, activation: 0.3, dropout: 0.4), on: p)
        }
    }

    /// Meetings with random attendance and a lead-nurse meeting: both kernels must choose the same people.
    static let meetings: [any Intervention] = [
        NetworkEvent(at: Schedule(at: 3, every: 8), participants: .share(0.4), boost: 0.3),
        NetworkEvent(at: Schedule(at: 10), participants: .strategy(.attribute(name: "role", values: ["lead nurse"], count: nil)), boost: 0.5),
        NetworkEvent(at: Schedule(at: 4, every: 6), participants: .adopters, boost: 0.2),
    ]

    @Test("the batched matrix and the replicate-by-replicate kernel give the same bits (noise, random attendance, meetings of the active)")
    func kernelsAgree() throws {
        let network = ModelConformanceTests.network
        let model = CommitmentDynamics(decay: 0.08, reinforcement: 0.4, activation: 0.5, dropout: 0.25, noise: 0.05, baseCommitment: 0.1)
        var ensemble = Ensemble(replicates: 5, horizon: 30, seed: 9, seeding: .random(count: 8), interventions: Self.meetings)
        ensemble.recordAgents = true
        let matrix = try ensemble.run(model, on: Population(network))
        ensemble.forceFrontierKernel = true
        let frontier = try ensemble.run(model, on: Population(network))
        #expect(matrix.kernel == "matrix" && frontier.kernel == "frontier")
        #expect(matrix.stateCounts == frontier.stateCounts && matrix.reach == frontier.reach && matrix.groupCounts == frontier.groupCounts)
        #expect(matrix.meanCommitment == frontier.meanCommitment)
        #expect(matrix.summaries.map(\.lapses) == frontier.summaries.map(\.lapses))
        #expect(matrix.summaries.map(\.peakAdopted) == frontier.summaries.map(\.peakAdopted))
        #expect(matrix.summaries.map(\.reachInequality) == frontier.summaries.map(\.reachInequality))
        // The run moved: lapses and re-activations happened, so the agreement is not of two flat lines.
        #expect(matrix.summaries.contains { $0.lapses > 0 })
    }

    @Test("tie-building meetings, training and turnover run the commitment model replicate by replicate")
    func everyInterventionTakes() throws {
        let network = ModelConformanceTests.network
        let model = CommitmentDynamics(decay: 0.05, reinforcement: 0.3, activation: 0.5, dropout: 0.2)
        let p = Population(network)
        let meeting = NetworkEvent(at: Schedule(at: 2, every: 4), participants: .share(0.3), tiesPerParticipant: 3, boost: 0.2)
        let result = try Ensemble(replicates: 4, horizon: 20, seed: 3, seeding: .random(count: 5), interventions: [meeting]).run(model, on: p)
        #expect(result.kernel == "frontier")
        // Training halves the bar: commitment 0.3 activates a trained agent (τ · 0.5 = 0.25), not an untrained one.
        let boosted = NetworkEvent(at: Schedule(at: 1), participants: .everyone, boost: 0.3)
        let trainAll = TrainingCohort(at: Schedule(at: 1), participants: .everyone, thresholdFactor: 0.5)
        let still = CommitmentDynamics(decay: 0, reinforcement: 0, activation: 0.5, dropout: 0.2)
        let untrained = try Ensemble(replicates: 1, horizon: 3, seed: 1, seeding: .random(count: 0), interventions: [boosted]).run(still, on: p)
        let trained = try Ensemble(replicates: 1, horizon: 3, seed: 1, seeding: .random(count: 0), interventions: [boosted, trainAll]).run(still, on: p)
        #expect(untrained.count(.adopted, replicate: 0, step: 3) == 0)
        #expect(trained.count(.adopted, replicate: 0, step: 3) == network.nodeCount)
        // Turnover: newcomers start at the base commitment, so the active share falls.
        let turnover = StaffTurnover(at: Schedule(at: 5), share: 0.5)
        let all = try Ensemble(replicates: 1, horizon: 6, seed: 1, seeding: .random(count: network.nodeCount), interventions: [turnover])
            .run(still, on: p)
        #expect(all.count(.adopted, replicate: 0, step: 4) == network.nodeCount)
        #expect(all.count(.adopted, replicate: 0, step: 5) == network.nodeCount - Int((0.5 * Double(network.nodeCount)).rounded()))
    }
}

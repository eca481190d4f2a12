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
        let meeting = CommitmentEvent(time: 5, every: 5, boost: 1, attendees: .active)
        let model = CommitmentDynamics(decay: 0.1, reinforcement: 0, activation: 0.5, dropout: 0.2, events: [meeting])
        let result = try Ensemble(replicates: 2, horizon: 60, seed: 1, seeding: .random(count: 5)).run(model, on: Population(Self.ring))
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
        let model = CommitmentDynamics(decay: 0.08, reinforcement: 0.4, activation: 0.5, dropout: 0.25, noise: 0.05,
                                       events: [CommitmentEvent(time: 3, every: 8, boost: 0.3, attendees: .fraction(0.4)),
                                                CommitmentEvent(time: 10, boost: 0.5, attendees: .attribute(name: "role", values: ["lead nurse"]))])
        let ensemble = Ensemble(replicates: 6, horizon: 30, seed: 5, seeding: .random(count: 8))
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
        #expect(throws: SimulationError.afterHorizon(what: "commitment event", time: 20, horizon: 10)) {
            try ensemble.run(CommitmentDynamics(decay: 0.1, reinforcement: 0, events: [CommitmentEvent(time: 20, boost: 0.5)]), on: p)
        }
        #expect(throws: SimulationError.self) {
            try ensemble.run(CommitmentDynamics(decay: 0.1, reinforcement: 0, activation: 0.3, dropout: 0.4), on: p)
        }
    }
}

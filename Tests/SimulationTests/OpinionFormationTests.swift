import Foundation
import Graphs
import NumericCore
import Testing
import TestSupport
@testable import Simulation

/// Opinion formation on the engine against the batched `OpinionDynamics` (the same recursion, an
/// independent implementation on SpMM), and its closed-form fixed points.
@Suite("Opinion formation (scenario model)")
struct OpinionFormationTests {
    static let network = ModelConformanceTests.network

    @Test("without seeds or interventions, mean opinions equal OpinionDynamics' at every step (λ = 1 and λ = 0.7)",
          arguments: [1.0, 0.7])
    func matchesTheBatchedForm(_ lambda: Double) throws {
        let population = Population(Self.network)
        let engine = try Ensemble(replicates: 4, horizon: 25, seed: 6, seeding: .random(count: 0))
            .run(OpinionFormation(susceptibility: lambda), on: population)
        let batched = try OpinionDynamics(susceptibility: lambda == 1 ? .deGroot : .uniform(lambda)).run(on: population, replicates: 4, steps: 25, seed: 6)
        for r in 0..<4 {
            for t in 0..<engine.steps {
                #expect(isClose(engine.meanCommitment[r * engine.steps + t], batched.mean[r * batched.steps + t], relative: 1e-12))
            }
        }
    }

    @Test("DeGroot on a complete graph: everyone reaches the initial mean; λ = 0 keeps every opinion where it began")
    func fixedPoints() throws {
        let complete = try ErdosRenyi(n: 30, p: 1).generate(seed: 0)
        let population = Population(complete)
        let e = Ensemble(replicates: 1, horizon: 3, seed: 1, seeding: .random(count: 6))
        // Six advocates at 1, everyone else at 0.2: after one averaging step all are at the mean of
        // the others' opinions, and on K_n that converges to (6 + 24 · 0.2) / 30 = 0.36 within steps.
        let r = try e.run(OpinionFormation(start: .fixed(0.2)), on: population)
        #expect(isClose(r.meanCommitment[3], 0.36, relative: 1e-12))
        #expect(r.count(.adopted, replicate: 0, step: 0) == 6 && r.count(.adopted, replicate: 0, step: 3) == 0)
        let stubborn = try e.run(OpinionFormation(susceptibility: 0, start: .fixed(0.2)), on: population)
        #expect(stubborn.count(.adopted, replicate: 0, step: 3) == 6 && isClose(stubborn.meanCommitment[3], 0.36, relative: 1e-12))
    }

    @Test("a meeting's boost persuades attendees; training and departures are refused with the reason")
    func interventions() throws {
        let population = Population(Self.network)
        let persuade = NetworkEvent(at: Schedule(at: 2), participants: .everyone, boost: 0.6)
        let r = try Ensemble(replicates: 2, horizon: 4, seed: 1, seeding: .random(count: 0), interventions: [persuade])
            .run(OpinionFormation(susceptibility: 0.5, start: .fixed(0)), on: population)
        #expect(r.count(.adopted, replicate: 0, step: 1) == 0 && r.count(.adopted, replicate: 0, step: 2) == Self.network.nodeCount)
        let training = Ensemble(replicates: 1, horizon: 4, seeding: .random(count: 1),
                                interventions: [TrainingCohort(at: Schedule(at: 1), participants: .everyone)])
        #expect(throws: SimulationError.self) { try training.run(OpinionFormation(), on: population) }
    }
}

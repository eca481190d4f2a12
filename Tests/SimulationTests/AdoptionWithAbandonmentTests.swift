import Foundation
import Testing
import TestSupport
import Graphs
@testable import Simulation

/// Discrete-time adoption with abandonment against exact probabilities. An adopter tries each
/// eligible neighbour once per step with probability β and then abandons with probability γ, so it
/// stays active a geometric number of steps D (P(D = d) = γ(1 − γ)^(d−1)) and a given neighbour is
/// converted with probability q = E[1 − (1 − β)^D] = β / (1 − (1 − β)(1 − γ)).
@Suite("Adoption with abandonment (discrete time)")
struct AdoptionWithAbandonmentTests {
    static let beta = 0.3, gamma = 0.4
    static var q: Double { beta / (1 - (1 - beta) * (1 - gamma)) }

    @Test("SIR on a path from one end: node k is reached with probability q^k")
    func pathProbabilities() throws {
        let g = SimulationFixtures.path(5)
        let replicates = 4000
        let estimated = try SimulationFixtures.adoptionFrequencies(AdoptionWithAbandonment(transmission: Self.beta, abandonment: Self.gamma),
                                                                   g, seeds: ["0"], replicates: replicates, horizon: 200)
        let expected = (0..<5).map { pow(Self.q, Double($0)) }
        SimulationFixtures.expectFrequencies(estimated, match: expected, replicates: replicates, in: g)
    }

    @Test("SIR from the centre of a star: mean final size 1 + m·q, and every adopter abandons in the end")
    func starMeanFinalSize() throws {
        let m = 20
        let g = SimulationFixtures.graph((1...m).map { ("hub", "leaf\($0)") }, directed: false)
        let result = try Ensemble(replicates: 2000, horizon: 200, seed: 3, seeding: .nodes(["hub"]))
            .run(AdoptionWithAbandonment(transmission: Self.beta, abandonment: Self.gamma), on: Population(g))
        let (mean, se) = SimulationFixtures.finalSize(result)
        let exact = 1 + Double(m) * Self.q
        #expect(abs(mean - exact) <= 5 * se, "mean final size \(mean) ± \(se) vs \(exact)")
        #expect(result.summaries.allSatisfy { $0.finalAdopted == 0 && $0.lapses == $0.finalReach })
    }

    @Test("SIS: abandoners may adopt again (more lapses than agents reached); SIR: each adopts once")
    func readoption() throws {
        let pair = SimulationFixtures.graph([("a", "b")], directed: false)
        let ensemble = Ensemble(replicates: 200, horizon: 400, seed: 5, seeding: .nodes(["a"]))
        let sis = try ensemble.run(AdoptionWithAbandonment(transmission: 0.9, abandonment: 0.3, readoption: true), on: Population(pair))
        #expect(sis.summaries.contains { $0.lapses > $0.finalReach })
        let sir = try ensemble.run(AdoptionWithAbandonment(transmission: 0.9, abandonment: 0.3), on: Population(pair))
        #expect(sir.summaries.allSatisfy { $0.lapses == $0.finalReach && $0.finalReach <= 2 })
    }
}

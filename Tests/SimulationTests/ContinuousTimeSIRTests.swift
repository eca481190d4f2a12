import Foundation
import Testing
import TestSupport
import Graphs
@testable import Simulation

/// Continuous-time SIR against the final-size relation on a complete graph, where the mean-field
/// result is exact as n grows (EoN's means on a shared graph: `PeerReferenceTests`).
@Suite("Continuous-time SIR")
struct ContinuousTimeSIRTests {
    @Test("continuous-time SIR on K_n: mean attack rate of major outbreaks solves z = 1 − exp(−R₀z)")
    func finalSize() throws {
        let n = 800
        let gamma = 1.0, r0 = 2.0
        let tau = r0 * gamma / Double(n - 1)
        let g = try ErdosRenyi(n: n, p: 1).generate(seed: 0)
        let result = try Ensemble(replicates: 200, horizon: 60, seed: 4, seeding: .random(count: 1))
            .run(ContinuousTimeSIR(transmissionRate: tau, abandonmentRate: gamma), on: Population(g))
        let major = result.summaries.map(\.reachShare).filter { $0 > 0.2 }
        // z = 1 − e^{−2z}: z ≈ 0.7968.
        var z = 0.5
        for _ in 0..<200 { z = 1 - exp(-r0 * z) }
        let mean = major.reduce(0, +) / Double(major.count)
        #expect(abs(mean - z) < 0.02, "mean attack \(mean) vs \(z)")
        // Probability of a major outbreak from one case ≈ 1 − 1/R₀ = 0.5 (branching-process limit), within sampling error.
        let share = Double(major.count) / 200
        #expect(abs(share - 0.5) < 5 * (0.25 / 200).squareRoot())
        // Every adopter lapses in the end.
        #expect(result.summaries.allSatisfy { $0.finalAdopted == 0 && $0.lapses == $0.finalReach })
    }
}

import Foundation
import Testing
import TestSupport
import Graphs
@testable import Simulation

/// Continuous-time SIS against its endemic equilibrium on a complete graph.
@Suite("Continuous-time SIS")
struct ContinuousTimeSISTests {
    @Test("continuous-time SIS on K_n settles at the endemic share 1 − 1/R₀")
    func endemic() throws {
        let n = 400, gamma = 1.0, r0 = 2.0
        let g = try ErdosRenyi(n: n, p: 1).generate(seed: 0)
        let result = try Ensemble(replicates: 20, horizon: 40, seed: 6, seeding: .random(count: 40))
            .run(ContinuousTimeSIS(transmissionRate: r0 * gamma / Double(n - 1), abandonmentRate: gamma), on: Population(g))
        var total = 0.0, samples = 0.0
        for r in 0..<20 { for t in 20...40 { total += Double(result.count(.adopted, replicate: r, step: t)); samples += 1 } }
        // Mean-field 0.5; the finite-n quasi-stationary share is a little lower (≈ 0.5 − 1/(2n·…)).
        #expect(abs(total / samples / Double(n) - 0.5) < 0.03, "endemic share \(total / samples / Double(n))")
        // Agents lapse and adopt again: more lapses than agents reached.
        #expect(result.summaries.allSatisfy { $0.lapses > $0.finalReach })
    }
}

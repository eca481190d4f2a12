import Foundation
import Testing
import TestSupport
import Graphs
@testable import Simulation

/// Continuous-time SIR against the final-size relation, Bass against its closed-form curve, both
/// on complete graphs where the mean-field results are exact as n grows; complex contagion against
/// its known behaviour on a ring lattice.
@Suite("SIR, Bass and complex contagion against closed forms")
struct EpidemicAndBassTests {
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

    @Test("Bass on K_n with small steps follows F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)e^{−(p+q)t})")
    func bassCurve() throws {
        let n = 1500, p = 0.03, q = 0.4, dt = 0.02
        let g = try ErdosRenyi(n: n, p: 1).generate(seed: 0)
        let result = try Ensemble(replicates: 8, horizon: 1000, seed: 2, seeding: .random(count: 0))
            .run(BassDiffusion(innovation: p, imitation: q, stepLength: dt), on: Population(g))
        let bands = result.reachBands
        for step in stride(from: 100, through: 1000, by: 100) {
            let t = Double(step) * dt
            let e = exp(-(p + q) * t)
            let closed = (1 - e) / (1 + q / p * e)
            #expect(abs(bands[step].mean / Double(n) - closed) < 0.02, "t = \(t): \(bands[step].mean / Double(n)) vs \(closed)")
        }
    }

    @Test("complex contagion on a ring lattice: two adjacent seeds spread everywhere, one does not (k = 2)")
    func ring() throws {
        let ring = try WattsStrogatz(n: 60, k: 4, p: 0).generate(seed: 0)
        let two = try Ensemble(replicates: 1, horizon: 60, seeding: .nodes(["0", "1"])).run(ComplexContagion(rule: .absolute(2)), on: Population(ring))
        #expect(two.summaries[0].finalReach == 60)
        let one = try Ensemble(replicates: 1, horizon: 60, seeding: .nodes(["0"])).run(ComplexContagion(rule: .absolute(2)), on: Population(ring))
        #expect(one.summaries[0].finalReach == 1)
        // Fraction ½ of four neighbours is the same rule.
        let half = try Ensemble(replicates: 1, horizon: 60, seeding: .nodes(["0", "1"])).run(ComplexContagion(rule: .fraction(0.5)), on: Population(ring))
        #expect(half.reach == two.reach)
    }
}

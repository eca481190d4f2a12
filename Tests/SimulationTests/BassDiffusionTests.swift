import Foundation
import Testing
import TestSupport
import Graphs
@testable import Simulation

/// Bass diffusion against its closed-form adoption curve on a complete graph.
@Suite("Bass diffusion")
struct BassDiffusionTests {
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
}

import Foundation
import Testing
import TestSupport
import Graphs
@testable import Simulation

/// Complex contagion against its known behaviour on a ring lattice.
@Suite("Complex contagion")
struct ComplexContagionTests {
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

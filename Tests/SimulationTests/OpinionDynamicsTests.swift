import Foundation
import NumericCore
import Testing
import TestSupport
import Graphs
@testable import Simulation

/// DeGroot against its consensus πᵀx(0) (π ∝ degree for the averaging matrix of an undirected
/// graph) and Friedkin–Johnsen against the closed-form equilibrium (I − ΛW)⁻¹(I − Λ)x(0) solved
/// with LAPACK, on the karate club. Tolerance 1e-9 after enough steps for the iteration error
/// (second eigenvalue ~0.87 for DeGroot, λ = 0.7 for FJ) to fall far below it.
@Suite("Opinion dynamics")
struct OpinionDynamicsTests {
    @Test("DeGroot converges to the degree-weighted mean of the initial opinions")
    func deGroot() throws {
        let g = SeedingTests.karate
        let population = Population(g)
        let result = try OpinionDynamics().run(on: population, replicates: 4, steps: 600, seed: 3)
        // Recompute each replicate's initial opinions from the same stream.
        for r in 0..<4 {
            var rng = Xoshiro256PlusPlus(seed: 3, replicate: UInt64(r), purpose: .dynamics)
            let x0 = (0..<g.nodeCount).map { _ in rng.nextUnitDouble() }
            let degrees = (0..<g.nodeCount).map { Double(g.degree(of: $0)) }
            let consensus = zip(degrees, x0).map(*).reduce(0, +) / degrees.reduce(0, +)
            for v in 0..<g.nodeCount { #expect(abs(result.final[v, r] - consensus) < 1e-9) }
            #expect(result.spread[r * result.steps + 600] < 1e-9)
        }
    }

    @Test("Friedkin–Johnsen reaches (I − ΛW)⁻¹(I − Λ)x(0)")
    func friedkinJohnsen() throws {
        let g = SeedingTests.karate
        let population = Population(g)
        let n = g.nodeCount
        let x0 = (0..<n).map { Double($0 % 7) / 6 }
        let result = try OpinionDynamics(susceptibility: .uniform(0.7), initial: .values(x0)).run(on: population, replicates: 2, steps: 200, seed: 0)
        let w = population.influenceMatrix().toDense()
        let a = Matrix<Double>(rows: n, columns: n) { i, j in (i == j ? 1 : 0) - 0.7 * w[i, j] }
        let b = try Matrix<Double>(rows: n, columns: 1, elements: x0.map { 0.3 * $0 })
        let equilibrium = try a.solve(b)
        for v in 0..<n { for r in 0..<2 { #expect(abs(result.final[v, r] - equilibrium[v, 0]) < 1e-9) } }
    }

    @Test("the same on 1 and 2 threads, bit for bit")
    func threads() throws {
        let population = Population(ModelConformanceTests.network)
        let model = OpinionDynamics(susceptibility: .uniform(0.6))
        let one = try Compute.withThreads(1) { try model.run(on: population, replicates: 5, steps: 20, seed: 2) }
        let two = try Compute.withThreads(2) { try model.run(on: population, replicates: 5, steps: 20, seed: 2) }
        #expect(one.mean == two.mean && one.spread == two.spread && one.final == two.final)
    }

    @Test("unknown attribute and out-of-range susceptibility are typed errors")
    func errors() throws {
        let p = Population(SeedingTests.karate)
        #expect(throws: SimulationError.self) { try OpinionDynamics(susceptibility: .uniform(1.2)).run(on: p, replicates: 1, steps: 1, seed: 0) }
        #expect(throws: SimulationError.self) { try OpinionDynamics(initial: .attribute("stance")).run(on: p, replicates: 1, steps: 1, seed: 0) }
    }
}

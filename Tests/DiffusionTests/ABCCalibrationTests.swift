import Calibration
import Diffusion
import Foundation
import Graphs
import NumericCore
import Scenarios
import Simulation
import Testing
import TestSupport

/// Likelihood-free calibration on the engine: the curve-only identifiability problem REFERENCE.md
/// reports, recovery of known parameters, determinism at any thread count, and located refusals.
@Suite("ABC calibration of scenario models")
struct ABCCalibrationTests {
    static var bass: ModelSpec {
        get throws {
            let values: [String: ParameterValue] = ["innovation": .number(0.05), "imitation": .number(0.3)]
            return ModelSpec(try BassDiffusion(parameters: CatalogValues(owner: "bass", values)), values: values)
        }
    }
    static let priors = [FittedParameter(name: "innovation", low: 0, high: 0.3), FittedParameter(name: "imitation", low: 0, high: 1)]

    @Test("medInnovations, curve only: p and q trade off (corr ≈ −0.86 in REFERENCE.md) and the warning says so")
    func curveOnly() throws {
        guard let data = try NetworkHazardTests.dataset("netdiffuser_medInnovations", group: "city") else { return }
        let abc = try ABCCalibration(data, model: Self.bass, fit: Self.priors, simulations: 20_000, acceptance: 0.01, individual: false, seed: 5)
        #expect(abc.accepted == 200)
        let r = try #require(abc.correlations.first?.r)
        #expect(r < -0.8 && r > -0.95, "corr \(r)")
        #expect(abc.warnings.contains { $0.contains("not identified separately") && $0.contains("the curve alone") })
        // The posterior predictive band covers the observed curve at most periods.
        let covered = abc.band.filter { $0.low <= $0.observed + 1e-9 && $0.observed <= $0.high + 1e-9 }.count
        #expect(covered >= abc.band.count - 2, "\(covered) of \(abc.band.count)")
    }

    @Test("known p and q are recovered from data the engine simulated; the same seed gives the same posterior at any thread count")
    func recovery() throws {
        let n = 300
        var builder = GraphBuilder(directed: true)
        for i in 0..<n { _ = builder.addNode("v\(i)") }
        var rng = Xoshiro256PlusPlus(seed: 11, replicate: 0, purpose: .networkGeneration)
        for i in 0..<n { for _ in 0..<4 { let j = rng.nextInt(below: n); if j != i { builder.addEdge(i, j) } } }
        let nominations = try builder.build()
        // Simulate the "data" with the engine on the influence network, from 10 seeds.
        let influence = try CalibratedScenario.influenceNetwork(nominations)
        let truth: [String: ParameterValue] = ["innovation": .number(0.04), "imitation": .number(0.5)]
        let model = ModelSpec(try BassDiffusion(parameters: CatalogValues(owner: "bass", truth)), values: truth)
        var ensemble = Ensemble(replicates: 1, horizon: 11, seed: 99, seeding: .nodes((0..<10).map { "v\($0)" }))
        ensemble.recordAgents = true
        let result = try model.run(ensemble, on: Population(influence))
        let adoption: [Int?] = (0..<n).map { result.agentAdoptedAt[$0] >= 0 ? Int(result.agentAdoptedAt[$0]) + 1 : nil }
        let data = DiffusionData(labels: (0..<n).map { "v\($0)" }, adoption: adoption, periods: 12, nonAdopters: .censored, graph: nominations)
        let abc = try ABCCalibration(data, model: Self.bass, fit: Self.priors, method: .smc, simulations: 6_000, acceptance: 0.02, seed: 3)
        #expect(abc.accepted == 120 && abs(abc.weights.reduce(0, +) - 1) < 1e-9)
        let p = abc.posterior[0], q = abc.posterior[1]
        #expect(p.low <= 0.04 && 0.04 <= p.high, "innovation \(p)")
        #expect(q.low <= 0.5 && 0.5 <= q.high, "imitation \(q)")
        let small = { try ABCCalibration(data, model: Self.bass, fit: Self.priors, simulations: 1_000, acceptance: 0.05, seed: 4) }
        let one = try Compute.withThreads(1) { try small() }
        let many = try small()
        #expect(one.draws == many.draws && one.band == many.band)
    }

    @Test("priors outside a parameter's range and parameters the model lacks are refused with what is allowed")
    func refusals() throws {
        #expect(throws: FittedParameter.ParameterError.unknown("imitaton", model: "bass", known: ["innovation", "imitation", "step_length"])) {
            try FittedParameter(name: "imitaton", low: 0, high: 1).check(against: BassDiffusion.self)
        }
        #expect(throws: FittedParameter.ParameterError.self) { try FittedParameter(name: "innovation", low: -1, high: 1).check(against: BassDiffusion.self) }
        #expect(throws: FittedParameter.ParameterError.malformed("model.q=1")) { try FittedParameter.parse("model.q=1") }
        #expect(try FittedParameter.parse("model.imitation=0:0.5") == FittedParameter(name: "imitation", low: 0, high: 0.5))
    }
}

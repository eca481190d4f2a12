import Foundation
import Graphs
import NumericCore
import Testing
import TestSupport
@testable import Simulation

/// Adding a model is one file, one catalog line and one test file: this file is all three for a
/// model the library does not ship. Spontaneous adoption (each unaware person takes the practice
/// up with probability `rate` a step, whatever their contacts do: Bass diffusion without
/// imitation) meets the same bar as every catalog model, and matches its closed form.
struct SpontaneousAdoption: CatalogModel {
    static let name = "spontaneous-adoption"
    static let summary = "each unaware person adopts with probability rate per step, whatever their contacts do"
    static let parameters = [CatalogParameter("rate", .probability, required: true, "probability of adopting per step")]
    static var interventionSupport: InterventionSupport { [.departures] }
    var rate: Double

    init(rate: Double) { self.rate = rate }
    init(parameters: CatalogValues) throws { self.init(rate: try parameters.requiredNumber("rate")) }

    func validate(_ population: Population) throws { try SimulationError.probability("spontaneous-adoption rate", rate) }
    func makeWorkspace(_ population: Population) {}
    func begin(_ replicate: inout Replicate, _ workspace: inout Void) {}

    func step(_ r: inout Replicate, _ workspace: inout Void, frontier: [Int32], to t: Int) -> Bool {
        var left = false
        for v in 0..<r.agents.count where r.agents.state[v] == AdoptionState.unaware.rawValue {
            if r.rng.nextUnitDouble() < rate { r.adopt(v, at: Double(t)) } else { left = true }
        }
        return left
    }
}

@Suite("A model added from a test fixture")
struct FixtureModelTests {
    /// The one catalog line (a catalog of the fixture's own here: the library's is a constant).
    static let catalog: [any CatalogModel.Type] = [SpontaneousAdoption.self]

    @Test("it meets the bar every catalog model meets")
    func conformance() throws {
        for type in Self.catalog { try ModelConformance.check(type) }
    }

    @Test("mean practising at step t is n − (n − s)(1 − rate)^t, within 4 standard errors")
    func closedForm() throws {
        let population = Population(ModelConformance.network)
        let n = Double(population.count), s = 5.0, rate = 0.08
        let result = try Ensemble(replicates: 400, horizon: 20, seed: 3, seeding: .random(count: 5)).run(SpontaneousAdoption(rate: rate), on: population)
        for t in [1, 5, 20] {
            let values = (0..<result.replicates).map { Double(result.count(.adopted, replicate: $0, step: t)) }
            let mean = Descriptive.mean(values)
            let left = pow(1 - rate, Double(t))
            let expected = n - (n - s) * left
            let se = ((n - s) * left * (1 - left) / Double(result.replicates)).squareRoot()
            #expect(abs(mean - expected) <= 4 * se, "step \(t): \(mean) vs \(expected) ± \(se)")
        }
    }
}

import Foundation
import Testing
import TestSupport
import Graphs
@testable import Simulation

/// Mean final sizes of IC and LT on the karate club against cynetdiff 0.1.18 (200 000 trials per
/// case, Fixtures/cynetdiff_reference.json, made by Fixtures/make_cynetdiff_reference.py). Ours
/// from 20 000 replicates; agreement within 5 standard errors of the difference.
@Suite("IC and LT means against cynetdiff")
struct CynetdiffReferenceTests {
    struct Case: Decodable {
        let model: String
        let p: Double?
        let seeds: [Int]
        let mean: Double
        let sd: Double
    }
    struct Reference: Decodable {
        let trials: Int
        let cases: [Case]
    }

    static let reference: Reference = {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Tests/SimulationTests/Fixtures/cynetdiff_reference.json")
        return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }()

    @Test("every stored case", arguments: 0..<6)
    func matches(index: Int) throws {
        let c = Self.reference.cases[index]
        let population = Population(SeedingTests.karate)
        let replicates = 20_000
        let ensemble = Ensemble(replicates: replicates, horizon: 40, seed: UInt64(100 + index), seeding: .nodes(c.seeds.map(String.init)))
        let result: EnsembleResult
        if c.model == "independent-cascade" {
            result = try ensemble.run(IndependentCascade(p: c.p!), on: population)
        } else {
            result = try ensemble.run(LinearThreshold(thresholds: .uniform), on: population)
        }
        let (mean, ours) = SimulationFixtures.finalSize(result)
        let se = (ours * ours + c.sd * c.sd / Double(Self.reference.trials)).squareRoot()
        #expect(abs(mean - c.mean) < 5 * se, "\(c.model) seeds \(c.seeds): \(mean) vs cynetdiff \(c.mean) (SE \(se))")
    }
}

/// Continuous-time SIR final sizes on the karate club against EoN 2.0's fast_SIR (100 000 runs per
/// case, Fixtures/eon_reference.json, made by Fixtures/make_eon_reference.py), within 5 standard
/// errors of the difference. The horizon (200 time units) is far beyond every outbreak's end.
@Suite("Continuous-time SIR against EoN")
struct EoNReferenceTests {
    struct Case: Decodable { let tau: Double; let gamma: Double; let seeds: [Int]; let mean: Double; let sd: Double }
    struct Reference: Decodable { let trials: Int; let cases: [Case] }

    @Test("every stored case", arguments: 0..<2)
    func matches(index: Int) throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Tests/SimulationTests/Fixtures/eon_reference.json")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let c = reference.cases[index]
        let replicates = 20_000
        let result = try Ensemble(replicates: replicates, horizon: 200, seed: UInt64(200 + index), seeding: .nodes(c.seeds.map(String.init)))
            .run(ContinuousTimeSIR(transmissionRate: c.tau, abandonmentRate: c.gamma), on: Population(SeedingTests.karate))
        let (mean, ours) = SimulationFixtures.finalSize(result)
        let se = (ours * ours + c.sd * c.sd / Double(reference.trials)).squareRoot()
        #expect(abs(mean - c.mean) < 5 * se, "τ \(c.tau) γ \(c.gamma): \(mean) vs EoN \(c.mean) (SE \(se))")
    }
}


import Diffusion
import Foundation
import Graphs
import NumericCore
import Testing
import TestSupport

/// The network hazard model and the permutation test against REFERENCE.md and independent SciPy
/// fits (this session: scipy.optimize on the same person-periods).
@Suite("Network hazard model by maximum likelihood")
struct NetworkHazardTests {
    static func dataset(_ name: String, group: String) throws -> DiffusionData? {
        guard let shared = Fixtures.sharedData else { print("skipped: ../shared/data is absent"); return nil }
        let folder = shared.appendingPathComponent("networks/\(name)")
        var options = DiffusionDataLoader.Options()
        options.id = "node_id"
        options.group = group
        options.network = folder.appendingPathComponent("edges.csv")
        return try DiffusionDataLoader(options: options).load(folder.appendingPathComponent("nodes.csv"))
    }

    func near(_ a: Double, _ b: Double, _ tolerance: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(a - b) <= tolerance, "\(what): \(a) vs \(b) (± \(tolerance))", sourceLocation: sourceLocation)
    }

    @Test("medInnovations: rows, events, p, q and LR for both baselines; the permutation test finds no contagion")
    func medInnovations() throws {
        guard let data = try Self.dataset("netdiffuser_medInnovations", group: "city") else { return }
        let constant = try NetworkHazardModel().fit(data)
        #expect(constant.rows == 856 && constant.events == 98)
        near(constant.estimates[0].estimate, 0.104, 0.0005, "p")
        near(constant.q.estimate, 0.0107, 0.00005, "q")
        near(constant.likelihoodRatio, 1.1, 0.05, "LR")
        let periods = try NetworkHazardModel(baseline: .periods).fit(data)
        #expect(periods.estimates.count == 17)
        near(periods.q.estimate, 0.0045, 0.00005, "period-specific q")
        near(periods.likelihoodRatio, 0.09, 0.005, "period-specific LR")
        // REFERENCE.md's 200 permutations gave q mean 0.0070, 95th percentile 0.0241, p = 0.26: ours are
        // another 200 draws, so within Monte Carlo error (the mean's sd over 200 draws is about 0.0006).
        let test = try ContagionPermutationTest(data, model: NetworkHazardModel(), permutations: 200, seed: 1)
        #expect(test.withinGroups)
        near(test.meanQ, 0.0070, 0.002, "permuted q mean")
        near(test.percentile95, 0.0241, 0.009, "permuted 95th percentile")
        #expect(test.pValue > 0.1 && test.pValue < 0.45, "p = \(test.pValue)")
        let calibration = try LikelihoodCalibration(data, model: NetworkHazardModel(), permutations: 50, seed: 1)
        #expect(!calibration.contagionIdentified && calibration.verdict.contains("No tie-level contagion is distinguishable"))
    }

    @Test("kfamily keyed by id: q = 0.0211 (LR 57.8) and 0.0233 (LR 62.0) as SciPy gives; misaligned as netdiffuseR's object, REFERENCE.md's q ≈ 0.0003")
    func kfamily() throws {
        guard let data = try Self.dataset("netdiffuser_kfamily", group: "village") else { return }
        let constant = try NetworkHazardModel().fit(data)
        #expect(constant.rows == 6056 && constant.events == 604)
        near(constant.estimates[0].estimate, 0.070659, 1e-5, "p")
        near(constant.q.estimate, 0.021117, 1e-5, "q")
        near(constant.likelihoodRatio, 57.759, 0.01, "LR")
        let periods = try NetworkHazardModel(baseline: .periods).fit(data)
        near(periods.q.estimate, 0.023346, 1e-5, "period-specific q")
        near(periods.likelihoodRatio, 62.002, 0.01, "period-specific LR")
        // Adoption times laid on ids in lexicographic order, as in kfamilyDiffNet: REFERENCE.md's row.
        let lexicographic = data.labels.indices.sorted { data.labels[$0] < data.labels[$1] }
        var misaligned = [Int?](repeating: nil, count: data.count)
        for (k, person) in lexicographic.enumerated() { misaligned[person] = data.adoption[k] }
        let buggy = try NetworkHazardModel().fit(data.with(adoption: misaligned))
        near(buggy.estimates[0].estimate, 0.099, 0.0005, "misaligned p")
        near(buggy.q.estimate, 0.0003, 0.0001, "misaligned q")
        #expect(buggy.likelihoodRatio < 0.05)
    }

    @Test("closed form: without ties the fit is the event rate; simulated contagion is recovered; the same seed gives the same permutations at any thread count")
    func closedForm() throws {
        // A ring of 400 people, everyone exposed through two ties; adoption simulated from known p, q.
        let n = 400, periods = 12, p = 0.04, q = 0.15
        var builder = GraphBuilder(directed: true)
        for i in 0..<n { _ = builder.addNode("v\(i)") }
        for i in 0..<n { builder.addEdge(i, (i + 1) % n); builder.addEdge(i, (i + n - 1) % n) }
        let graph = try builder.build()
        var rng = Xoshiro256PlusPlus(seed: 7, replicate: 0, purpose: .dynamics)
        var adoption = [Int?](repeating: nil, count: n)
        for i in 0..<n where rng.nextUnitDouble() < 0.05 { adoption[i] = 1 }
        for t in 2...periods {
            var next = adoption
            for i in 0..<n where adoption[i] == nil {
                let k = [(i + 1) % n, (i + n - 1) % n].filter { adoption[$0] != nil }.count
                let hazard: Double = 1 - (1 - p) * pow(1 - q, Double(k))
                if rng.nextUnitDouble() < hazard { next[i] = t }
            }
            adoption = next
        }
        let groups = [Int32]((0..<n).map { Int32($0 / 100) })
        let data = DiffusionData(labels: (0..<n).map { "v\($0)" }, adoption: adoption, periods: periods, nonAdopters: .censored,
                                 graph: graph, groups: groups, groupLevels: ["a", "b", "c", "d"])
        let fit = try NetworkHazardModel().fit(data)
        #expect(abs(fit.estimates[0].estimate - p) < 3 * fit.estimates[0].standardError + 0.005, "p \(fit.estimates[0])")
        #expect(abs(fit.q.estimate - q) < 3 * fit.q.standardError + 0.01, "q \(fit.q)")
        #expect(fit.pValue < 1e-6)
        // No ties: q has no information; p is the pooled event rate of the person-periods.
        var lone = GraphBuilder(directed: true)
        for i in 0..<n { _ = lone.addNode("v\(i)") }
        let alone = DiffusionData(labels: data.labels, adoption: adoption, periods: periods, nonAdopters: .censored, graph: try lone.build())
        let rate = try NetworkHazardModel().fit(alone)
        near(rate.estimates[0].estimate, Double(rate.events) / Double(rate.rows), 1e-6, "event rate")
        near(rate.likelihoodRatio, 0, 1e-6, "LR without ties")
        let a = try ContagionPermutationTest(data, model: NetworkHazardModel(), permutations: 40, seed: 3)
        let b = try Compute.withThreads(1) { try ContagionPermutationTest(data, model: NetworkHazardModel(), permutations: 40, seed: 3) }
        #expect(a.meanQ == b.meanQ && a.pValue == b.pValue && a.pValue < 0.05)
    }

    @Test("χ² upper tail against SciPy 1.17.1 (scipy.stats.chi2.sf)")
    func chiSquared() {
        for (x, k, expected) in [(1.1, 1.0, 0.2942661043049598), (0.09, 1, 0.7641771556220947), (3.84, 1, 0.05004352124870519),
                                 (10, 3, 0.01856613546304325), (0.5, 4, 0.9735009788392561), (25, 10, 0.005345505487134069),
                                 (100, 50, 3.454931382984871e-05)] {
            let value = ChiSquared.survival(x, degreesOfFreedom: k)
            #expect(abs(value - expected) <= 1e-12 + 1e-10 * expected, "χ²(\(k)) at \(x): \(value)")
        }
    }
}

@Suite("Held-out validation and the calibrated scenario")
struct HoldoutTests {
    @Test("medInnovations after period 8: the fitted network model predicts the rest closer than a Bass curve on the same periods; deterministic")
    func holdoutAfter() throws {
        guard let data = try NetworkHazardTests.dataset("netdiffuser_medInnovations", group: "city") else { return }
        let h = try HoldoutValidation(data, model: NetworkHazardModel(), after: 8, simulations: 200, seed: 2)
        #expect(h.predictions.count == 9 && h.predictions.first?.period == 9)
        #expect(h.modelKS < h.bassKS && h.modelRMSE < h.bassRMSE, "model \(h.modelKS)/\(h.modelRMSE), Bass \(h.bassKS)/\(h.bassRMSE)")
        #expect(h.modelRMSE < 0.08)
        // KS is the largest gap and RMSE the root mean square over the predicted periods.
        let gaps = h.predictions.map { abs($0.observed - $0.model) }
        #expect(h.modelKS == gaps.max())
        let again = try HoldoutValidation(data, model: NetworkHazardModel(), after: 8, simulations: 200, seed: 2)
        #expect(again.predictions == h.predictions)
        // Held-out groups: fit on towns 1–3, predict town 4 from its first-period adopters.
        let groups = try HoldoutValidation(data, model: NetworkHazardModel(), groups: ["4"], simulations: 200, seed: 2)
        #expect(groups.predictions.count == 16 && groups.modelRMSE.isFinite && groups.bassRMSE.isFinite)
        #expect(throws: HoldoutValidation.ValidationError.unknownGroup("9", known: ["1", "2", "3", "4"])) {
            try HoldoutValidation(data, model: NetworkHazardModel(), groups: ["9"], simulations: 10)
        }
    }

    @Test("the calibrated scenario is the fitted model: the hazard on the share scale equals the bass model's step")
    func calibratedScenario() throws {
        guard let data = try NetworkHazardTests.dataset("netdiffuser_medInnovations", group: "city") else { return }
        let fit = try NetworkHazardModel(scale: .share).fit(data)
        let scenario = try CalibratedScenario(data, shareFit: fit, dataFile: "nodes.csv", base: "base.yaml")
        #expect(scenario.yaml.hasPrefix("extends: \"base.yaml\"\n"))
        #expect(scenario.yaml.contains("model: {type: bass, innovation: \(String(format: "%.6g", -log1p(-fit.estimates[0].estimate)))"))
        #expect(scenario.yaml.contains("horizon: 16"))
        // Influence runs from the nominee to the nominator: every arc reversed.
        #expect(scenario.network.edgeCount == data.graph.edgeCount)
        for u in 0..<data.graph.nodeCount {
            for v in data.graph.neighbours(of: u) { #expect(scenario.network.hasEdge(Int(v), u)) }
        }
        let p = 0.08, q = 0.3, a = 0.4
        #expect(abs((1 - (1 - p) * pow(1 - q, a)) - (1 - exp(-(-log1p(-p) + -log1p(-q) * a)))) < 1e-15)
    }
}

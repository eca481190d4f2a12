import Foundation
import NumericCore
import Outputs
import Scenarios
import Simulation
import Testing
import TestSupport

/// Comparison arms (`compare:`): run on common random numbers, so an arm identical to the base
/// differs by exactly 0, paired intervals are narrower than unpaired ones where the arms share
/// randomness, and each arm is exactly the scenario it describes run on its own.
@Suite("Comparison arms")
struct ComparisonTests {
    static let folder = Fixtures.repositoryRoot.appendingPathComponent("Scenarios")

    static func comparison(_ name: String, _ overrides: [String]) throws -> (PreparedComparison, [EnsembleResult]) {
        let scenario = try ScenarioLoader.load(folder.appendingPathComponent(name).path, overrides: overrides)
        let comparison = try PreparedComparison(try scenario.prepare())
        return (comparison, try comparison.run())
    }

    static func write(_ comparison: PreparedComparison, _ results: [EnsembleResult]) throws -> (URL, RunSummary) {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-arms-\(UUID().uuidString)")
        try comparison.write(results, to: dir, force: false, timings: .init(networkSeconds: 0, simulationSeconds: 0), threads: 1)
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: dir.appendingPathComponent("summary.json")))
        return (dir, summary)
    }

    @Test("an arm identical to the base differs by exactly 0 in every measure, with a zero-width paired interval")
    func identicalArm() throws {
        let (comparison, results) = try Self.comparison("sprint.yaml", [
            "replicates=30", "compare=[{name: the same again, set: {model.threshold: 0.4}}]"])
        #expect(comparison.arms.map(\.arm.name) == ["the same again", "without interventions"])
        let (dir, summary) = try Self.write(comparison, results)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = summary.comparison.filter { $0.arm == "the same again" }
        #expect(!rows.isEmpty)
        for row in rows {
            #expect(row.difference == 0 && row.differenceLow == 0 && row.differenceHigh == 0, "\(row.measure)")
        }
        // …while the base itself varies (the sprint's participants are random), so the unpaired interval is wide.
        let reach = try #require(rows.first { $0.measure == "reach_share" })
        #expect(try #require(reach.unpairedHigh) - (try #require(reach.unpairedLow)) > 0.01)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("comparison.csv").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("arms/the-same-again/timeseries.csv").path))
    }

    @Test("each arm is the scenario it describes, run on its own with the same seed: bit-identical")
    func armIsItsOwnScenario() throws {
        let (_, results) = try Self.comparison("qsir-training.yaml", ["replicates=12"])
        let alone = try ScenarioLoader.load(Self.folder.appendingPathComponent("qsir-training.yaml").path,
                                            overrides: ["replicates=12", "compare=none", "interventions=[]"]).prepare().run()
        let automatic = results[2]  // listed arm first, then the automatic one
        #expect(automatic.stateCounts == alone.stateCounts && automatic.summaries == alone.summaries)
    }

    @Test("on every example scenario the paired interval is narrower than the unpaired one for some arm and headline measure")
    func pairingNarrowsIntervals() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        for file in files {
            let (comparison, results) = try Self.comparison(file, ["replicates=40"])
            guard !comparison.arms.isEmpty else { continue }
            let (dir, summary) = try Self.write(comparison, results)
            defer { try? FileManager.default.removeItem(at: dir) }
            let rows = summary.comparison.filter { $0.arm != ComparisonRow.base && summary.measures.contains($0.measure) }
            let narrower = rows.filter { r in
                guard let lo = r.differenceLow, let hi = r.differenceHigh, let ulo = r.unpairedLow, let uhi = r.unpairedHigh else { return false }
                return hi - lo < uhi - ulo - 1e-12
            }
            #expect(!narrower.isEmpty, "\(file): no arm's paired interval is narrower")
            #expect(summary.answer != nil, "\(file): no answer")
            // The variance reduction is what the widths say it is.
            for r in narrower {
                let vr = try #require(r.varianceReduction)
                #expect(vr > 0 && vr <= 1, "\(file) \(r.arm) \(r.measure)")
            }
        }
    }

    @Test("compare: none runs the base alone; a scenario without interventions gets no automatic arm")
    func noArms() throws {
        let none = try ScenarioLoader.load(Self.folder.appendingPathComponent("sprint.yaml").path, overrides: ["compare=none"])
        #expect(none.arms.isEmpty)
        let bare = try ScenarioLoader.load(Self.folder.appendingPathComponent("sprint.yaml").path,
                                           overrides: ["interventions=[]", "compare=[{name: random champions, set: {seeding.strategy: random}}]"])
        #expect(bare.arms.map(\.name) == ["random champions"])
    }

    @Test("arms that would break the pairing, clash or name nothing are refused with where and why")
    func refusals() throws {
        let path = Self.folder.appendingPathComponent("sprint.yaml").path
        func message(_ compare: String) throws -> String {
            do {
                _ = try PreparedComparison(try ScenarioLoader.load(path, overrides: ["replicates=4", "compare=\(compare)"]).prepare())
                return ""
            } catch { return "\(error)" }
        }
        #expect(try message("[{name: other seed, set: {seed: 3}}]").contains("changes the seed"))
        #expect(try message("[{name: fewer, set: {replicates: 2}}]").contains("changes the replicates"))
        #expect(try message("[{name: no sprint, without: [three-day sprint]}]").contains("\"two-day sprint\""))
        #expect(try message("[{name: x, set: {model.threshold: 2}}]").contains("compare: x:"))
        #expect(try message("[{name: a-b, set: {model.threshold: 0.3}}, {name: a b, set: {model.threshold: 0.2}}]").contains("same folder name"))
        do {
            _ = try ScenarioLoader.load(path, overrides: ["compare=[{name: dull}]"])
            Issue.record("an arm that changes nothing was accepted")
        } catch { #expect("\(error)".contains("changes nothing")) }
        do {
            _ = try ScenarioLoader.load(path, overrides: ["compare=[{name: base, set: {horizon: 10}}]"])
            Issue.record("an arm named base was accepted")
        } catch { #expect("\(error)".contains("\"base\"")) }
    }

    @Test("intervention list items are addressed by name as well as by index")
    func namedPaths() throws {
        let path = Self.folder.appendingPathComponent("sprint.yaml").path
        let byName = try ScenarioLoader.load(path, overrides: ["interventions[two-day sprint].at=7"])
        let byIndex = try ScenarioLoader.load(path, overrides: ["interventions[0].at=7"])
        #expect(byName.interventions[0].schedule == byIndex.interventions[0].schedule)
        #expect(ScenarioPath.components("interventions[day 1. sprint].ties") == ["interventions", "day 1. sprint", "ties"])
        #expect(ScenarioPath.components("a.b[2].c") == ["a", "b", "2", "c"])
        do {
            _ = try ScenarioLoader.load(path, overrides: ["interventions[three-day sprint].at=7"])
            Issue.record("an unknown intervention name was accepted")
        } catch {
            #expect("\(error)".contains("\"two-day sprint\"") && "\(error)".contains("is neither an index nor the name"))
        }
    }

    @Test("headline measures follow the model: commitment for the commitment model, opinion and spread for opinions")
    func headlineMeasures() throws {
        let commitment = try ScenarioLoader.load(Self.folder.appendingPathComponent("cancer-network.yaml").path)
        #expect(commitment.headlineMetrics.first == .finalCommitment)
        let (comparison, results) = try Self.comparison("cancer-network.yaml", ["replicates=10"])
        let (dir, summary) = try Self.write(comparison, results)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(summary.outcome == "commitment" && summary.measures.first == "final_commitment")
        #expect(try #require(summary.answer).contains("mean commitment at week 52"))
        #expect(summary.interventions.count == 7)  // the meetings are markers, as for any model
        let committed = try #require(summary.metrics["committed_share"] ?? nil)
        #expect(committed.mean > 0 && committed.mean <= 1)
        let opinion = try ScenarioLoader.load(Self.folder.appendingPathComponent("sprint.yaml").path,
                                              overrides: ["model={type: opinion-dynamics, susceptibility: 0.8}", "interventions=[]"])
        #expect(opinion.headlineMetrics == [.finalCommitment, .spread, .reachShare])
        let result = try opinion.prepare().run()
        let spread = try #require(result.summaries[0].commitmentSpread)
        #expect(spread > 0 && spread < 0.5)
    }

    @Test("warnings: every replicate identical, and a per-group count larger than a group")
    func warnings() throws {
        let (comparison, results) = try Self.comparison("sprint.yaml", [
            "replicates=5", "interventions=[]", "compare=none"])
        let (dir, summary) = try Self.write(comparison, results)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(summary.warnings.contains { $0.contains("All 5 replicates came out identical") })
        #expect(try String(contentsOf: dir.appendingPathComponent("summary.md"), encoding: .utf8).contains("identical"))
        let capped = try ScenarioLoader.load(Self.folder.appendingPathComponent("sprint.yaml").path,
                                             overrides: ["replicates=3", "interventions[0].participants={per: organisation, count: 200}"]).prepare()
        #expect(capped.warnings.count == 1 && capped.warnings[0].contains("asks for 200 per organisation"))
        #expect(capped.warnings[0].contains("Surgery has 96"))
    }
}

import Foundation
import Outputs
import Scenarios
import Simulation
import Tables
import Testing
import TestSupport

/// The run folder as typed values: what the writer puts in it reads back as the same numbers, the
/// columns are the ones `Outputs` defines, and the folder appears whole or not at all.
@Suite("Run folders")
struct RunFolderTests {
    static func prepared(_ overrides: [String] = []) throws -> PreparedScenario {
        let file = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/qsir-training.yaml").path
        return try ScenarioLoader.load(file, overrides: ["replicates=6", "horizon=12"] + overrides).prepare()
    }

    static func scratch() -> URL { Fixtures.temporaryDirectory.appendingPathComponent("skein-run-folder-\(UUID().uuidString)") }

    @Test("the measures of timeseries.csv are the simulator's adoption states, in its order, then reach and commitment")
    func measuresMatchStates() {
        #expect(RunMeasure.states.map(\.rawValue) == AdoptionState.allCases.map(\.name))
        #expect(RunMeasure.allCases.map(\.rawValue) == AdoptionState.allCases.map(\.name) + ["reach", "commitment"])
    }

    @Test("written and read back: summary, manifest and time series agree with the ensemble result")
    func roundTrip() throws {
        let prepared = try Self.prepared()
        let result = try prepared.run()
        let dir = Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try prepared.write(result, to: dir, force: false, timings: .init(networkSeconds: 0, simulationSeconds: 0), threads: 1)
        let folder = try RunFolder.read(dir)
        let summary = try #require(folder.summary)
        let manifest = try #require(folder.manifest)
        #expect(summary.scenario == "qsir-training" && summary.replicates == 6 && summary.horizon == 12 && summary.commitmentTracked)
        let reach = try #require(RunWriter.summaryStatistics(result).first { $0.name == RunMetric.reachShare.rawValue }?.band)
        #expect(summary.metric(.reachShare)?.mean == reach.mean && summary.metric(.reachShare)?.high == reach.high)
        #expect(Set(summary.metrics.keys) == Set(RunMetric.allCases.map(\.rawValue)))
        #expect(summary.finalByGroup["trained"]?["trained"]?.size == 200)
        #expect(manifest.seed == prepared.scenario.seed && manifest.replicates == 6 && manifest.kernel == result.kernel)
        #expect(manifest.scenario["name"]?.string == "qsir-training")
        // Every file but the manifest is listed with its checksum, and the checksums are right.
        for (name, digest) in manifest.outputs {
            #expect(SHA256.hex(try Data(contentsOf: dir.appendingPathComponent(name))) == digest, "\(name)")
        }
        #expect(manifest.outputs[RunFolder.File.timeseries] != nil && manifest.outputs[RunFolder.File.manifest] == nil)
        // The time series: overall reach is the ensemble's mean reach; every level of a breakdown sums to the population.
        let ts = folder.timeseries
        #expect(ts.attributes == [Timeseries.all, "trained", "committed", "organisation"])
        let meanReach = (0..<result.replicates).map { Double(result.reach[$0 * result.steps + 12]) }.reduce(0, +) / 6
        #expect(abs((ts.overall(.reach)?.mean[12] ?? -1) - meanReach) < 1e-12)
        for attribute in ["trained", "committed", "organisation"] {
            for t in [0, 6, 12] {
                let total = ts.levels(of: attribute).reduce(0.0) { $0 + ts.sizes(attribute, $1)[t] }
                #expect(abs(total - Double(prepared.graph.nodeCount)) < 1e-9, "\(attribute) at \(t)")
            }
        }
        let header = try String(contentsOf: dir.appendingPathComponent(RunFolder.File.replicates), encoding: .utf8).prefix { $0 != "\n" }
        #expect(header.split(separator: ",").map(String.init) == RunFolder.replicateColumns)
    }

    @Test("a folder appears complete or not at all: a failed write leaves the old folder as it was, --force replaces it whole")
    func atomic() throws {
        let prepared = try Self.prepared()
        let result = try prepared.run()
        let dir = Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            try prepared.write(result, to: dir, force: true, timings: .init(networkSeconds: 0, simulationSeconds: 0), threads: 1) { _ in
                throw Interrupted()
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["notes.txt"])
        // Nothing left beside it either.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: dir.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.hasPrefix(".\(dir.lastPathComponent).") })
        try prepared.write(result, to: dir, force: true, timings: .init(networkSeconds: 0, simulationSeconds: 0), threads: 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!files.contains("notes.txt") && files.contains(RunFolder.File.manifest))
        #expect(throws: AtomicFolder.FolderError.notEmpty(dir.path)) {
            try prepared.write(result, to: dir, force: false, timings: .init(networkSeconds: 0, simulationSeconds: 0), threads: 1)
        }
    }

    @Test("a summary.json that does not decode is an error naming the file and the field")
    func unreadableSummary() throws {
        let prepared = try Self.prepared()
        let dir = Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try prepared.write(try prepared.run(), to: dir, force: false, timings: .init(networkSeconds: 0, simulationSeconds: 0), threads: 1)
        let url = dir.appendingPathComponent(RunFolder.File.summary)
        try (try String(contentsOf: url, encoding: .utf8)).replacingOccurrences(of: "\"horizon\" : 12", with: "\"horizon\" : \"twelve\"")
            .write(to: url, atomically: true, encoding: .utf8)
        #expect { _ = try RunFolder.read(dir) } throws: { "\($0)".contains("summary.json") && "\($0)".contains("\"horizon\" is not") }
    }

    @Test("a scenario's name makes one folder inside runs/, whatever it holds (hardening: name: ../../x)")
    func folderName() throws {
        func name(_ n: String) throws -> String {
            let text = "name: '\(n)'\nnetwork: {generate: erdos-renyi, parameters: {n: 10, p: 0.2}}\nmodel: {type: independent-cascade, p: 0.1}\n"
            let url = Fixtures.temporaryDirectory.appendingPathComponent("skein-name-\(UUID().uuidString).yaml")
            try text.write(to: url, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: url) }
            return try ScenarioLoader.load(url.path).folderName
        }
        #expect(try name("../../x") == "x")
        #expect(try name("a/b c") == "a-b-c")
        #expect(try name("..") == "scenario")
        #expect(try name("sprint") == "sprint")
    }
}

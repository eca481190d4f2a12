import Foundation
import NumericCore
import Scenarios
import Simulation
import Tables
import Testing
import TestSupport

/// The example scenarios in Scenarios/ and the runner's outputs: every file validates and runs,
/// outputs are byte-identical at any thread count, and the manifest's checksums are right.
@Suite("Scenario files and runs")
struct ScenarioFileTests {
    static let folder = Fixtures.repositoryRoot.appendingPathComponent("Scenarios")
    static var files: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { ["yaml", "yml", "json"].contains($0.pathExtension) && !$0.lastPathComponent.hasSuffix(".schema.json") }
            .sorted { $0.path < $1.path }
    }

    static func temporaryDirectory() -> URL {
        Fixtures.temporaryDirectory.appendingPathComponent("skein-scenario-\(UUID().uuidString)")
    }

    @Test func thereAreAtLeastSixExamplesEachStatingItsQuestionAssumptionsAndArms() throws {
        #expect(Self.files.count >= 6)
        for file in Self.files {
            let scenario = try ScenarioLoader.load(file.path)
            let name = file.lastPathComponent
            #expect(scenario.question?.contains("?") == true, "\(name) must state the question it answers")
            #expect(scenario.assumptions.count >= 3, "\(name) must state its assumptions")
            #expect(scenario.stepUnit == "week", "\(name): its steps are weeks")
            #expect(!scenario.arms.isEmpty, "\(name) must compare the scenario with something")
        }
    }

    @Test(arguments: files)
    func everyExampleValidatesAndRuns(_ file: URL) throws {
        let scenario = try ScenarioLoader.load(file.path, overrides: ["replicates=6"])
        #expect(scenario.sweep != nil, "\(file.lastPathComponent): every example compares options with a sweep")
        let prepared = try scenario.prepare()
        let result = try scenario.model.run(prepared.ensemble, on: prepared.population)
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try RunWriter.prepareDirectory(dir, force: false)
        let manifestData = try RunWriter.write(result, prepared, to: dir, timings: .init(networkSeconds: 0, simulationSeconds: 0), threads: 1)
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        let outputs = try #require(manifest["outputs"] as? [String: String])
        #expect(Set(outputs.keys).isSuperset(of: ["timeseries.csv", "replicates.csv", "summary.csv", "summary.json", "summary.md"]))
        for (name, digest) in outputs {
            #expect(SHA256.hex(try Data(contentsOf: dir.appendingPathComponent(name))) == digest, "\(name): checksum")
        }
        // Tidy time series: one row per (step, attribute, level, measure); counts by state add to n.
        let rows = try String(contentsOf: dir.appendingPathComponent("timeseries.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        var totalAtEnd = 0.0
        for row in rows {
            let f = row.split(separator: ",", omittingEmptySubsequences: false)
            if f[0] == Substring(String(scenario.horizon)) && f[1] == "all" && AdoptionState.allCases.map(\.name).contains(String(f[3])) {
                totalAtEnd += Double(f[4])!
            }
        }
        #expect(abs(totalAtEnd - Double(prepared.graph.nodeCount)) < 1e-6)
    }

    @Test func outputsAreByteIdenticalAtAnyThreadCount() throws {
        let file = Self.folder.appendingPathComponent("training-vs-connecting.yaml").path
        var digests: [[String: String]] = []
        for threads in [1, 2] {
            let scenario = try ScenarioLoader.load(file, overrides: ["replicates=24"])
            let prepared = try scenario.prepare()
            let result = try Compute.withThreads(threads) { try scenario.model.run(prepared.ensemble, on: prepared.population) }
            let dir = Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            try RunWriter.prepareDirectory(dir, force: false)
            let data = try RunWriter.write(result, prepared, to: dir, timings: .init(networkSeconds: 0, simulationSeconds: 0), threads: threads)
            let manifest = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            digests.append(manifest["outputs"] as! [String: String])
        }
        #expect(digests[0] == digests[1])
    }

    @Test func aNonEmptyOutputFolderIsRefusedUnlessForced() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        #expect(throws: AtomicFolder.FolderError.notEmpty(dir.path)) { try RunWriter.prepareDirectory(dir, force: false) }
        try RunWriter.prepareDirectory(dir, force: true)
    }
}

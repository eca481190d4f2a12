import Foundation
import Testing
import TestSupport

/// `skein validate` and `skein run` as a user meets them: exit codes, file:line:column messages,
/// JSON for scripts, the outputs and their byte-identity across --threads, refusing to overwrite.
@Suite("skein validate and run")
struct ScenarioCommandTests {
    static let sprint = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/sprint.yaml").path

    static func temporary() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("skein-cli-\(UUID().uuidString)")
    }

    @Test func validateAcceptsTheExampleAndRejectsABrokenFile() throws {
        let ok = try CommandRunner.skein(["validate", Self.sprint])
        #expect(ok.status == 0 && ok.stdout.contains("valid"))
        let dir = Self.temporary()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try Data("extends: \(Self.sprint)\nmodel: {threshold: 1.5}\nhorizn: 3\n".utf8).write(to: bad)
        let result = try CommandRunner.skein(["validate", bad.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("bad.yaml:2:") && result.stdout.contains("model.threshold = 1.5 is out of range"))
        #expect(result.stdout.contains("bad.yaml:3:1: unknown key \"horizn\"") && result.stdout.contains("did you mean \"horizon\"?"))
        #expect(result.stdout.contains("2 problems"))
        let json = try CommandRunner.skein(["validate", bad.path, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["valid"] as? Bool == false && (object?["problems"] as? [Any])?.count == 2)
    }

    @Test func runWritesTheSameBytesAtAnyThreadCount() throws {
        let one = Self.temporary(), two = Self.temporary()
        defer {
            try? FileManager.default.removeItem(at: one)
            try? FileManager.default.removeItem(at: two)
        }
        let a = try CommandRunner.skein(["run", Self.sprint, "--out", one.path, "--replicates", "16", "--threads", "1", "--json"])
        #expect(a.status == 0, "\(a.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any]
        #expect(summary?["replicates"] as? Int == 16 && (summary?["metrics"] as? [String: Any])?["reach_share"] != nil)
        let b = try CommandRunner.skein(["run", Self.sprint, "--out", two.path, "--replicates", "16", "--threads", "2", "--json"])
        #expect(b.status == 0)
        for name in ["timeseries.csv", "replicates.csv", "summary.csv", "summary.json", "summary.md"] {
            #expect(try Data(contentsOf: one.appendingPathComponent(name)) == Data(contentsOf: two.appendingPathComponent(name)), "\(name) differs")
        }
        // An existing, non-empty folder is refused unless --force.
        let again = try CommandRunner.skein(["run", Self.sprint, "--out", one.path, "--replicates", "2"])
        #expect(again.status != 0 && again.stderr.contains("--force"))
        let forced = try CommandRunner.skein(["run", Self.sprint, "--out", one.path, "--replicates", "2", "--force", "--set", "seed=5"])
        #expect(forced.status == 0 && forced.stdout.contains("reach"))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: one.appendingPathComponent("manifest.json"))) as? [String: Any]
        #expect(manifest?["seed"] as? Int == 5 && manifest?["replicates"] as? Int == 2)
    }
}

import Foundation
import Testing
import TestSupport

/// `--time-limit`: the run's time measured from a pilot replicate before anything runs, said by
/// `skein validate`, and a request past the limit refused with the estimate — nothing written.
@Suite("skein --time-limit")
struct TimeLimitCommandTests {
    static let sprint = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/sprint.yaml").path

    @Test func validateSaysTheEstimateAndRunAndSweepRefuseBeyondTheLimit() throws {
        let said = try CommandRunner.skein(["validate", Self.sprint, "--json", "--threads", "2"])
        let object = try JSONSerialization.jsonObject(with: Data(said.stdout.utf8)) as? [String: Any]
        let estimate = try #require(object?["estimated_seconds"] as? Double)
        #expect(estimate > 0 && object?["valid"] as? Bool == true)
        let text = try CommandRunner.skein(["validate", Self.sprint])
        #expect(text.stdout.contains("estimated simulation time: about"))

        // 250 times the replicates cannot fit in a second, on any machine this runs on.
        let refused = try CommandRunner.skein(["validate", Self.sprint, "--set", "replicates=50000", "--time-limit", "1s"])
        #expect(refused.status == 1 && refused.stdout.contains("would take about") && refused.stdout.contains("more than the 1.0 s --time-limit allows")
                && refused.stdout.contains("run fewer replicates"), "\(refused.stdout)")
        let out = Fixtures.temporaryDirectory.appendingPathComponent("tl-\(UUID().uuidString)")
        let run = try CommandRunner.skein(["run", Self.sprint, "--replicates", "50000", "--time-limit", "1s", "--out", out.path])
        #expect(run.status == 1 && run.stderr.contains("--time-limit allows") && !FileManager.default.fileExists(atPath: out.path))
        let db = Fixtures.temporaryDirectory.appendingPathComponent("tl-\(UUID().uuidString).sqlite")
        let sweep = try CommandRunner.skein(["sweep", Self.sprint, "--db", db.path, "--set", "sweep.replicates=50000", "--time-limit", "1s"])
        #expect(sweep.status == 1 && sweep.stderr.contains("run it in shards") && !FileManager.default.fileExists(atPath: db.path))
        let bad = try CommandRunner.skein(["run", Self.sprint, "--time-limit", "soon"])
        #expect(bad.status != 0 && bad.stderr.contains("--time-limit must be a duration"))
        // Within the limit, the run goes ahead as usual.
        let ok = try CommandRunner.skein(["run", Self.sprint, "--replicates", "20", "--time-limit", "10m", "--out", out.path, "--json"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test func analyseMeasuresASampleAndRefusesBeyondTheLimit() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("tl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let words = ["parking", "nurses", "canteen", "waiting", "training", "rota", "permits", "clinic", "food", "shifts"]
        let lines = (0..<3000).map { i in (0..<6).map { words[(i * 7 + $0 * 3 + i / 10) % words.count] }.joined(separator: " ") }
        let file = dir.appendingPathComponent("r.txt")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let refused = try CommandRunner.skein(["analyse", file.path, "--out", out.path, "--embed", "tfidf", "--time-limit", "0.001s"])
        #expect(refused.status == 1 && refused.stderr.contains("analysing 3000 responses with tfidf (measured on a sample) would take about"),
                "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let ok = try CommandRunner.skein(["analyse", file.path, "--out", out.path, "--embed", "tfidf", "--time-limit", "10m"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }
}

import Foundation
import GRDB
import Testing
import TestSupport

/// `skein validate` and `skein run` as a user meets them: exit codes, file:line:column messages,
/// JSON for scripts, the outputs and their byte-identity across --threads, refusing to overwrite.
@Suite("skein validate and run")
struct ScenarioCommandTests {
    static let sprint = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/sprint.yaml").path

    static func temporary() -> URL {
        Fixtures.temporaryDirectory.appendingPathComponent("skein-cli-\(UUID().uuidString)")
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
        // Arms run at any thread count to the same bytes too, and their comparison with them.
        for name in ["comparison.csv", "arms/without-interventions/replicates.csv", "arms/the-sprint-in-week-12/timeseries.csv"] {
            #expect(try Data(contentsOf: two.appendingPathComponent(name)) == Data(contentsOf: Self.temporaryRun(threads: 3).appendingPathComponent(name)), "\(name) differs")
        }
    }

    static func temporaryRun(threads: Int) throws -> URL {
        let dir = temporary()
        let r = try CommandRunner.skein(["run", sprint, "--out", dir.path, "--replicates", "16", "--threads", "\(threads)", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        return dir
    }

    @Test("run prints the question and the answer with its paired interval; --json carries the answer")
    func runAnswersItsQuestion() throws {
        let dir = Self.temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CommandRunner.skein(["run", Self.sprint, "--out", dir.path, "--replicates", "20"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Question: What does a two-day collaborative sprint buy a trust?"))
        #expect(r.stdout.contains("Answer: With “two-day sprint”, the scenario raises reach at week 52") && r.stdout.contains("paired 95% interval"))
        let md = try String(contentsOf: dir.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(md.contains("**Question:**") && md.contains("**Answer:**") && md.contains("| reach |"))
        let csv = try String(contentsOf: dir.appendingPathComponent("comparison.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("arm,measure,mean,mean_low,mean_high,replicates,difference,difference_low,difference_high,unpaired_low,unpaired_high,variance_reduction,pairs\n"))
        let none = try CommandRunner.skein(["run", Self.sprint, "--out", dir.path, "--force", "--replicates", "4", "--set", "compare=none", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [String: Any]
        #expect((object?["arms"] as? [Any])?.isEmpty == true && object?["answer"] == nil)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("comparison.csv").path))
    }

    @Test("validate checks sweep paths and arms, those inherited through extends: included")
    func validateChecksSweepsAndArms() throws {
        let dir = Self.temporary()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("variant.yaml")
        try Data("""
            extends: \(Self.sprint)
            sweep:
              grid:
                interventions[three-day sprint].ties_per_participant: [1, 2]
                model.thresold: [0.3]
            compare:
              - name: later
                set:
                  interventions[two-day sprint].at: 99

            """.utf8).write(to: file)
        let r = try CommandRunner.skein(["validate", file.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("variant.yaml:4:") && r.stdout.contains("\"three-day sprint\" is neither an index nor the name"))
        #expect(r.stdout.contains("unknown key \"thresold\"") && r.stdout.contains("compare: later:"))
        // The sweep inherited from the base (named path) is valid.
        let ok = try CommandRunner.skein(["validate", Self.sprint])
        #expect(ok.stdout.contains("3 comparison arms, with a sweep"))
    }

    @Test("export sweep: one tidy row per point and replicate, one column per swept parameter")
    func exportSweep() throws {
        let dir = Self.temporary()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path, csv = dir.appendingPathComponent("s.csv").path
        let sweep = try CommandRunner.skein(["sweep", Self.sprint, "--db", db, "--set", "sweep.replicates=3"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let r = try CommandRunner.skein(["export", "sweep", db, "-o", csv])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines[0].hasPrefix("point,interventions[two-day sprint].ties_per_participant,replicate,final_reach,reach_share,"))
        #expect(lines.count == 1 + 5 * 3 && lines[1].hasPrefix("0,0,0,") && lines[15].hasPrefix("4,4,2,"))
        let means = try CommandRunner.skein(["export", "sweep", db, "-o", "-", "--means"])
        #expect(means.stdout.split(separator: "\n").count == 6 && means.stdout.contains("\n2,2,3,"))
        let missing = try CommandRunner.skein(["export", "sweep", dir.appendingPathComponent("none.sqlite").path, "-o", csv])
        #expect(missing.status == 1 && missing.stderr.contains("no such sweep database"))
    }
}

/// An interrupted sweep (kill -9) keeps a consistent database and resumes to the same results.
@Suite("skein sweep: interruption and resume")
struct SweepInterruptionTests {
    @Test func killNineLosesAtMostThePointInFlightAndResumeCompletesIt() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("sweep.yaml")
        try Data("""
            network: {generate: barabasi-albert, parameters: {n: 3000, m: 3}}
            model: {type: independent-cascade, p: 0.05}
            seeding: {strategy: random, count: 5}
            horizon: 30
            replicates: 40
            sweep:
              latin_hypercube: {samples: 60, ranges: {model.p: [0.01, 0.2]}}
            """.utf8).write(to: scenario)
        let interrupted = dir.appendingPathComponent("interrupted.sqlite").path
        let process = Process()
        process.executableURL = Fixtures.productsDirectory.appendingPathComponent("skein")
        process.arguments = ["sweep", scenario.path, "--db", interrupted, "--json"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some points are in, then kill without warning.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            if let n = try? Self.count(interrupted, "SELECT COUNT(*) FROM points"), n >= 3 { break }
        }
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(wasRunning, "the sweep finished before it could be interrupted; make it longer")
        // The database is intact and every finished point has all its replicates.
        let integrity = try DatabaseQueue(path: interrupted).read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
        #expect(try Self.count(interrupted, "SELECT COUNT(*) FROM points p WHERE (SELECT COUNT(*) FROM results r WHERE r.point = p.point) != 40") == 0)
        #expect(try Self.count(interrupted, "SELECT COUNT(*) FROM points") < 60)
        let resumed = try CommandRunner.skein(["sweep", scenario.path, "--db", interrupted, "--json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any]
        #expect((report?["already_done"] as? Int ?? 0) + (report?["ran"] as? Int ?? 0) == 60)
        // Same results as an uninterrupted sweep.
        let clean = dir.appendingPathComponent("clean.sqlite").path
        #expect(try CommandRunner.skein(["sweep", scenario.path, "--db", clean, "--json"]).status == 0)
        func rows(_ path: String) throws -> [[DatabaseValue]] {
            try DatabaseQueue(path: path).read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM results ORDER BY point, replicate").map { Array($0.databaseValues) }
            }
        }
        let a = try rows(interrupted)
        let b = try rows(clean)
        #expect(a.count == 60 * 40 && a == b)
    }

    static func count(_ path: String, _ sql: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }
}

import Foundation
import GRDB
import Tables
import Testing
import TestSupport

/// `kill -9` at random moments of `skein run`, `skein analyse`, `skein run --force` over an
/// existing folder, and `skein sweep`, 50 trials each on a seeded schedule: the destination is
/// always absent or complete (every file its manifest lists, with its checksum), a replaced folder
/// is the old one or the new one and never a mix, the next command succeeds, and a killed sweep's
/// database is intact with no partial point.
@Suite("Kill at random: no folder mixes two runs", .serialized)
struct KillAtRandomTests {
    static let trials = 50

    static func folder() throws -> URL {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Starts skein and kills it after `delay` seconds (or lets it finish first).
    static func killed(_ arguments: [String], after delay: Double) throws {
        let process = Process()
        process.executableURL = Fixtures.productsDirectory.appendingPathComponent("skein")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(delay)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.002) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Delays spread over a command's usual duration, from a fixed stream.
    static func delays(_ duration: Double, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<trials).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return duration * 1.2 * Double(state >> 11) / Double(1 << 53)
        }
    }

    static func timed(_ arguments: [String]) throws -> Double {
        let start = Date()
        let result = try CommandRunner.skein(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return Date().timeIntervalSince(start)
    }

    /// A run folder is complete: its manifest decodes and every file it lists has its checksum.
    static func complete(run dir: URL) -> Bool {
        guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent("manifest.json").path),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let outputs = manifest["outputs"] as? [String: String], !outputs.isEmpty else { return false }
        for (name, sum) in outputs {
            guard let bytes = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) else { return false }
            if name.hasPrefix("arms/") { continue }
            if SHA256.hex(bytes) != sum { return false }
        }
        return true
    }

    /// The staging and set-aside folders the writer leaves only while it works.
    static func leftovers(_ parent: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []).filter { $0.hasPrefix(".") }
    }

    static let scenario = """
        name: kill test
        network: {generate: barabasi-albert, parameters: {n: 200, m: 2}}
        model: {type: independent-cascade, p: 0.05}
        seeding: {strategy: random, count: 3}
        horizon: 10
        replicates: 8
        compare: none
        """

    @Test("skein run killed at random: the folder is absent or complete, and the next run succeeds")
    func run() throws {
        let dir = try Self.folder()
        let scenario = dir.appendingPathComponent("s.yaml")
        try Data(Self.scenario.utf8).write(to: scenario)
        let duration = try Self.timed(["run", scenario.path, "--out", dir.appendingPathComponent("probe").path])
        var killedMidway = 0
        for (i, delay) in Self.delays(duration, seed: 1).enumerated() {
            let out = dir.appendingPathComponent("run-\(i)")
            try Self.killed(["run", scenario.path, "--out", out.path], after: delay)
            let exists = FileManager.default.fileExists(atPath: out.path)
            if !exists { killedMidway += 1 }
            #expect(!exists || Self.complete(run: out), "trial \(i): \(out.path) exists but is incomplete")
            if !exists {
                // The next write clears what the killed one left and succeeds.
                #expect(try CommandRunner.skein(["run", scenario.path, "--out", out.path]).status == 0)
                #expect(Self.complete(run: out))
            }
        }
        #expect(Self.leftovers(dir).isEmpty, "leftovers: \(Self.leftovers(dir))")
        #expect(killedMidway >= 10, "only \(killedMidway) of \(Self.trials) trials killed the run before it finished")
    }

    @Test("skein run --force killed at random: the folder is the old run or the new one, never a mix")
    func force() throws {
        let dir = try Self.folder()
        let scenario = dir.appendingPathComponent("s.yaml")
        try Data(Self.scenario.utf8).write(to: scenario)
        let out = dir.appendingPathComponent("run")
        let duration = try Self.timed(["run", scenario.path, "--out", out.path])
        var seeds = Set<String>()
        for (i, delay) in Self.delays(duration, seed: 2).enumerated() {
            // Each replacement runs another seed, so old and new differ in every file.
            try Self.killed(["run", scenario.path, "--out", out.path, "--force", "--set", "seed=\(i + 10)"], after: delay)
            if !FileManager.default.fileExists(atPath: out.path) {
                // Killed between setting the old folder aside and moving the new one in: the next write restores it.
                #expect(try CommandRunner.skein(["run", scenario.path, "--out", out.path, "--force"]).status == 0)
            }
            #expect(Self.complete(run: out), "trial \(i): the folder is incomplete")
            if let data = FileManager.default.contents(atPath: out.appendingPathComponent("manifest.json").path),
               let m = try? JSONSerialization.jsonObject(with: data) as? [String: Any] { seeds.insert("\(m["seed"] ?? "")") }
        }
        #expect(seeds.count > 1, "no replacement ever completed")
    }

    @Test("skein analyse killed at random: the folder is absent or has every file")
    func analyse() throws {
        let dir = try Self.folder()
        let comments = Fixtures.repositoryRoot.appendingPathComponent("Examples/polis-biodiversity/comments.csv").path
        let duration = try Self.timed(["analyse", comments, "--embed", "tfidf", "--out", dir.appendingPathComponent("probe").path])
        for (i, delay) in Self.delays(duration, seed: 3).enumerated() {
            let out = dir.appendingPathComponent("an-\(i)")
            try Self.killed(["analyse", comments, "--embed", "tfidf", "--out", out.path], after: delay)
            guard FileManager.default.fileExists(atPath: out.path) else { continue }
            for file in ["themes.json", "themes.csv", "assignments.csv", "summary.md"] {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "trial \(i): \(file) missing")
            }
        }
    }

    @Test("skein sweep killed at random: the database is intact and every point in it is whole; resuming finishes it")
    func sweep() throws {
        let dir = try Self.folder()
        let scenario = dir.appendingPathComponent("sweep.yaml")
        try Data("""
            network: {generate: barabasi-albert, parameters: {n: 200, m: 2}}
            model: {type: independent-cascade, p: 0.05}
            seeding: {strategy: random, count: 3}
            horizon: 10
            replicates: 10
            sweep:
              grid: {model.p: [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08]}
            """.utf8).write(to: scenario)
        let duration = try Self.timed(["sweep", scenario.path, "--db", dir.appendingPathComponent("probe.sqlite").path])
        var opened = 0
        for (i, delay) in Self.delays(duration, seed: 4).enumerated() {
            let db = dir.appendingPathComponent("s-\(i).sqlite").path
            try Self.killed(["sweep", scenario.path, "--db", db], after: delay)
            guard FileManager.default.fileExists(atPath: db) else { continue }
            opened += 1
            let queue = try DatabaseQueue(path: db)
            let integrity = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
            #expect(integrity == "ok", "trial \(i)")
            let tables = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
            if tables.contains("points") && tables.contains("results") {
                let partial = try queue.read { db in
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM points p WHERE (SELECT COUNT(*) FROM results r WHERE r.point = p.point) != 10") ?? 0
                }
                #expect(partial == 0, "trial \(i): \(partial) partial points")
            }
            if i % 10 == 0 {
                #expect(try CommandRunner.skein(["sweep", scenario.path, "--db", db]).status == 0, "trial \(i): resume failed")
            }
        }
        #expect(opened >= 10, "only \(opened) of \(Self.trials) trials got as far as the database")
    }
}

import Foundation
import GRDB
import Testing
import TestSupport

/// Writing onto a full disk (a 64 KiB tmpfs mounted for the test): every command fails with a
/// message naming the place and the cause, leaves no folder and no staging files behind, keeps a
/// sweep database intact, and succeeds once there is room again. Needs `mount` (root, as in CI's
/// container); says so and skips otherwise.
@Suite("Full disk", .serialized)
struct FullDiskTests {
    static func mountTmpfs(size: String) throws -> URL? {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let r = try CommandRunner.run(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", dir.path])
        guard r.status == 0 else {
            print("skipped: cannot mount a small tmpfs to fill (\(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))); needs root")
            return nil
        }
        return dir
    }

    static func unmount(_ dir: URL) {
        _ = try? CommandRunner.run(URL(fileURLWithPath: "/bin/umount"), [dir.path])
    }

    static func entries(_ dir: URL) -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] }

    static let scenario = """
        name: full disk
        network: {generate: barabasi-albert, parameters: {n: 1500, m: 3}}
        model: {type: independent-cascade, p: 0.05}
        seeding: {strategy: random, count: 5}
        horizon: 10
        replicates: 4
        compare: none
        """

    @Test("run, analyse and sweep on a full disk: a located error, nothing half-written, and success once there is room")
    func fullDisk() throws {
        guard let disk = try Self.mountTmpfs(size: "64k") else { return }
        defer { Self.unmount(disk) }
        let work = Fixtures.temporaryDirectory.appendingPathComponent("full-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let scenario = work.appendingPathComponent("s.yaml"), sweep = work.appendingPathComponent("sweep.yaml")
        try Self.scenario.write(to: scenario, atomically: true, encoding: .utf8)
        try """
            network: {generate: barabasi-albert, parameters: {n: 300, m: 2}}
            model: {type: independent-cascade, p: 0.05}
            seeding: {strategy: random, count: 3}
            horizon: 10
            replicates: 400
            sweep:
              grid: {model.p: [0.01, 0.02, 0.03]}
            """.write(to: sweep, atomically: true, encoding: .utf8)
        let comments = Fixtures.repositoryRoot.appendingPathComponent("Examples/polis-biodiversity/comments.csv").path

        let run = try CommandRunner.skein(["run", scenario.path, "--out", disk.appendingPathComponent("run").path])
        #expect(run.status != 0 && run.stderr.contains("no space left"), "\(run.stderr)")
        let analysed = try CommandRunner.skein(["analyse", comments, "--embed", "tfidf", "--report", "--out", disk.appendingPathComponent("an").path])
        #expect(analysed.status != 0 && analysed.stderr.contains("no space left"), "\(analysed.stderr)")
        #expect(Self.entries(disk).isEmpty, "left behind: \(Self.entries(disk))")

        let db = disk.appendingPathComponent("s.sqlite")
        let swept = try CommandRunner.skein(["sweep", sweep.path, "--db", db.path])
        #expect(swept.status != 0 && swept.stderr.contains(db.path) && swept.stderr.contains("no space left"), "\(swept.stderr)")
        if FileManager.default.fileExists(atPath: db.path) {
            let queue = try DatabaseQueue(path: db.path)
            #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
            let partial = try queue.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM points p WHERE (SELECT COUNT(*) FROM results r WHERE r.point = p.point) != 400") ?? 0
            }
            #expect(partial == 0)
        }

        // Room again: the same commands succeed and the sweep resumes.
        let grown = try CommandRunner.run(URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,size=64m", disk.path])
        #expect(grown.status == 0, "\(grown.stderr)")
        #expect(try CommandRunner.skein(["run", scenario.path, "--out", disk.appendingPathComponent("run").path]).status == 0)
        #expect(try CommandRunner.skein(["sweep", sweep.path, "--db", db.path]).status == 0)
        #expect(Set(Self.entries(disk)).isSubset(of: ["run", "s.sqlite", "s.sqlite-wal", "s.sqlite-shm"]), "\(Self.entries(disk))")
    }
}

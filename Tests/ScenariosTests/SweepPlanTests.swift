import Foundation
import Scenarios
@testable import Sweeps
import Testing
import TestSupport

/// Slurm plans without Slurm: tasks into their own shard files, resumed, merged; seeds unmoved.
@Suite("Sweep plans")
struct SweepPlanTests {
    static func scenario(_ grid: String, streams: String? = nil) -> String {
        """
        name: plan-test
        network:
          generate: watts-strogatz
          parameters: {n: 200, k: 4, p: 0.1}
        model:
          type: independent-cascade
          p: 0.2
        seeding: {strategy: random, count: 3}
        horizon: 20
        replicates: 5
        seed: 7
        sweep:
        \(streams.map { "  streams: \($0)\n" } ?? "")  grid:
            model.p: \(grid)
            seeding.count: [2, 4]
        """
    }

    @Test("tasks of a plan merged equal the one-process sweep; a partial task is refused, then resumes")
    func planMergeEqualsOneProcess() throws {
        let file = try SweepTests.write(Self.scenario("[0.1, 0.2, 0.3]"))
        let runner = try SweepRunner(file: file.path)
        let dir = file.deletingLastPathComponent().appendingPathComponent("plan")
        let plan = try SweepPlan(runner: runner, tasks: 2, resources: .init(), skein: "/usr/bin/skein")
        #expect(try plan.write(to: dir))
        #expect(try !plan.write(to: dir))  // the same plan again: kept
        for t in 0..<2 {
            let task = try SweepTask(directory: dir, task: t)
            // Task 1 stops after its first point, as SIGTERM would make it.
            var asked = 0
            let report = try task.run(try task.runner(), stop: { t == 1 && { asked += 1; return asked > 1 }() })
            #expect(report.complete == (t != 1))
        }
        // Its writer (this process) still lives on this host: status calls it running, not failed.
        #expect(try SweepStatus(directory: dir, slurm: nil).tasks(.running).map(\.task) == [1])
        let partial = try SweepDatabase(path: SweepPlan.partialURL(dir, 1).path)
        let shards = try (0..<1).map { try SweepDatabase(path: SweepPlan.shardURL(dir, $0).path) } + [partial]
        #expect(throws: SweepDatabase.DatabaseError.self) { _ = try SweepDatabase.merge(shards, into: dir.appendingPathComponent("m.sqlite").path) }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.sqlite").path))
        try partial.close()
        let resumed = try SweepTask(directory: dir, task: 1).run(try SweepTask(directory: dir, task: 1).runner())
        #expect(resumed.alreadyDone == 1 && resumed.complete)
        let done = try (0..<2).map { try SweepDatabase(path: SweepPlan.shardURL(dir, $0).path) }
        let merged = try SweepDatabase.merge(done, into: dir.appendingPathComponent("m.sqlite").path)
        let single = try SweepDatabase(path: dir.appendingPathComponent("one.sqlite").path)
        _ = try runner.run(into: single)
        #expect(try SweepExport.tidy(merged) == SweepExport.tidy(single))
    }

    /// Each point's replicate rows by its values (the tidy export's parameter columns).
    static func rows(_ r: SweepRunner, _ shard: SweepRunner.Shard?) throws -> [String: String] {
        let db = try SweepDatabase(path: Fixtures.temporaryDirectory.appendingPathComponent("g-\(UUID().uuidString).sqlite").path)
        _ = try r.run(into: db, shard: shard)
        var byPoint: [String: String] = [:]
        for line in try SweepExport.tidy(db).split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            byPoint[cells[1...3].joined(separator: ","), default: ""] += cells[4...].joined(separator: ",")
        }
        return byPoint
    }

    @Test("a grown grid and another task count leave every existing point's results byte-identical", arguments: ["common", "independent"])
    func seedsDoNotMove(streams: String) throws {
        let small = try SweepRunner(file: try SweepTests.write(Self.scenario("[0.1, 0.3]", streams: streams)).path)
        let grown = try SweepRunner(file: try SweepTests.write(Self.scenario("[0.1, 0.2, 0.3]", streams: streams)).path)
        let rows = Self.rows
        let a = try rows(small, nil)
        var b: [String: String] = [:]
        for i in 1...3 { b.merge(try rows(grown, SweepRunner.Shard(index: i, count: 3))) { $1 } }
        #expect(a.count == 20 && b.count == 30)
        for (key, value) in a { #expect(b[key] == value, "\(key)") }
        #expect(SweepRunner.pointID(small.points[0]) == SweepRunner.pointID(grown.points[0]))
    }

    @Test("streams: independent gives each point its own seed, from the seed and its values; common gives every point the scenario's")
    func independentStreams() throws {
        let common = try SweepRunner(file: try SweepTests.write(Self.scenario("[0.3]")).path)
        let independent = try SweepRunner(file: try SweepTests.write(Self.scenario("[0.3]", streams: "independent")).path)
        #expect(common.scenarios.allSatisfy { $0.seed == 7 })
        let seeds = independent.scenarios.map(\.seed)
        #expect(Set(seeds).count == seeds.count && !seeds.contains(7), "\(seeds)")
        #expect(independent.scenarios.indices.allSatisfy { seeds[$0] == SweepRunner.pointSeed(7, independent.points[$0]) })
        // Same values, other streams: the rows differ (the cascade is random enough at p = 0.3 over 5 replicates).
        let a = try Self.rows(common, nil), b = try Self.rows(independent, nil)
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.contains { a[$0] != b[$0] })
    }
}

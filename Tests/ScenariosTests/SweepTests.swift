import Foundation
import GRDB
import Scenarios
import Sweeps
import Testing
import TestSupport

/// Sweep points (grid, zipped lists, Latin hypercube), the results database, shards and merging.
@Suite("Sweeps")
struct SweepTests {
    static func write(_ text: String) throws -> URL {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("sweep.yaml")
        try Data(text.utf8).write(to: url)
        return url
    }

    static let base = """
        network: {generate: organisation, parameters: {organisations: 2, teams: 2, team_size: 6}}
        model: {type: independent-cascade, p: 0.1}
        seeding: {strategy: random, count: 2}
        horizon: 8
        replicates: 5
        """

    @Test func gridListsAndHypercubeMakeTheRightPoints() throws {
        let url = try Self.write(Self.base + """

            sweep:
              grid: {model.p: [0.1, 0.2], seeding.count: [1, 2, 3]}
              lists: {horizon: [5, 6]}
            """)
        let runner = try SweepRunner(file: url.path)
        #expect(runner.points.count == 12)
        #expect(runner.points[0].json == #"{"horizon":5,"model.p":0.1,"seeding.count":1}"#)
        #expect(runner.points[1].json == #"{"horizon":6,"model.p":0.1,"seeding.count":1}"#)
        #expect(runner.points[11].json == #"{"horizon":6,"model.p":0.2,"seeding.count":3}"#)

        let lhs = try SweepRunner(file: try Self.write(Self.base + "\nsweep: {latin_hypercube: {samples: 10, ranges: {model.p: [0.0, 0.5], seeding.count: [1, 10]}}}\n").path)
        #expect(lhs.points.count == 10)
        // Each tenth of each range holds exactly one sample.
        let ps = lhs.points.map { Double(String(describing: ($0.assignments[0].value.jsonObject))) ?? -1 }
        #expect(Set(ps.map { Int($0 / 0.05) }).count == 10)
        let counts = lhs.points.map { $0.assignments[1].value.jsonObject as? Int ?? -1 }
        #expect(counts.allSatisfy { (1...10).contains($0) })
        // The same on every call (the sampling stream of the seed).
        #expect(try SweepRunner(file: try Self.write(Self.base + "\nsweep: {latin_hypercube: {samples: 10, ranges: {model.p: [0.0, 0.5], seeding.count: [1, 10]}}}\n").path).points == lhs.points)
    }

    @Test func aBadValueAtAnyPointIsReportedBeforeRunning() throws {
        let url = try Self.write(Self.base + "\nsweep: {grid: {model.p: [0.1, 1.7]}}\n")
        #expect {
            _ = try SweepRunner(file: url.path)
        } throws: { error in
            (error as? ScenarioError)?.diagnostics.first?.message.contains("sweep point 1") == true
        }
    }

    @Test func shardsMergeIntoTheFullSweepAndGapsAreRefused() throws {
        let url = try Self.write(Self.base + "\nsweep: {replicates: 4, grid: {model.p: [0.05, 0.1, 0.2, 0.3, 0.4]}}\n")
        let runner = try SweepRunner(file: url.path)
        let dir = url.deletingLastPathComponent()
        let full = try SweepDatabase(path: dir.appendingPathComponent("full.sqlite").path)
        _ = try runner.run(into: full)
        let shards = try (1...2).map { i -> SweepDatabase in
            let db = try SweepDatabase(path: dir.appendingPathComponent("shard\(i).sqlite").path)
            let report = try runner.run(into: db, shard: SweepRunner.Shard("\(i)/2"))
            #expect(report.ran == (i == 1 ? 3 : 2))
            return db
        }
        let merged = try SweepDatabase(path: dir.appendingPathComponent("merged.sqlite").path)
        try merged.merge(shards)
        func rows(_ path: String) throws -> [[DatabaseValue]] {
            try DatabaseQueue(path: path).read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM results ORDER BY point, replicate").map { row in row.databaseValues.map { $0 } }
            }
        }
        #expect(try rows(merged.path) == rows(full.path))
        #expect(try merged.finishedPoints().count == 5)
        // One shard alone is not the whole sweep.
        let partial = try SweepDatabase(path: dir.appendingPathComponent("partial.sqlite").path)
        #expect(throws: SweepDatabase.DatabaseError.self) { try partial.merge([shards[0]]) }
        // Nor are two copies of the same shard.
        let twice = try SweepDatabase(path: dir.appendingPathComponent("twice.sqlite").path)
        #expect(throws: SweepDatabase.DatabaseError.self) { try twice.merge([shards[0], shards[0], shards[1]]) }
        // A database from another scenario is refused.
        let other = try SweepRunner(file: try Self.write(Self.base + "\nsweep: {grid: {model.p: [0.5, 0.6]}}\n").path)
        #expect(throws: SweepDatabase.DatabaseError.self) { _ = try other.run(into: full) }
    }
}

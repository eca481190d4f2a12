import ArgumentParser
import Foundation
import Reports
import Scenarios
import Sweeps
import Tables

/// `skein sweep`: every point of a scenario's sweep, R replicates each, into a SQLite database.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario's sweep into a SQLite database: one row per (point, replicate); resumable; shardable.",
        discussion: """
            Points come from the file's sweep: section (grid, lists, latin_hypercube). Each finished point is \
            committed in one transaction, so an interrupted sweep (even kill -9) loses at most the point in \
            flight; running the same command again resumes. --shard i/N runs every N-th point (the (i−1)-th \
            modulo N) so a batch scheduler can spread a sweep over machines; combine the shards with skein merge. \
            Tables: sweep (metadata, scenario hash), points (point, assignments as JSON, seconds), results \
            (point, replicate, final_reach, reach_share, final_adopted, time_to_50, time_to_90, peak_adopted, \
            peak_time, lapses, departures, reach_inequality, cross_boundary_share).
            """
    )

    @Argument(help: "The scenario file with a sweep: section.") var file: String
    @Option(name: .long, help: "The results database (created if missing).") var db: String
    @Option(name: .long, help: "Run only shard i of N, e.g. 2/8.") var shard: String?
    @Flag(name: .long, help: "Also write the comparison report next to the database (DB with .html; see skein report).") var report = false
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a value, e.g. --set model.p=0.1 (repeatable).", valueName: "path=value"))
    var overrides: [String] = []
    @OptionGroup var compute: ComputeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let shard, SweepRunner.Shard(shard) == nil { throw ValidationError("--shard must be i/N with 1 ≤ i ≤ N (got \(shard))") }
    }

    func run() throws {
        let runner: SweepRunner
        do {
            runner = try SweepRunner(file: file, overrides: overrides)
        } catch let error as ScenarioError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(1)
        }
        let database = try SweepDatabase(path: db)
        let shard = self.shard.flatMap(SweepRunner.Shard.init)
        let bar = ProgressBar(total: runner.points.filter { p in shard.map { p.index % $0.count == $0.index - 1 } ?? true }.count,
                              label: "\(runner.base.name) sweep", quiet: output.json)
        let outcome = try compute.run { try runner.run(into: database, shard: shard) { done, _ in bar.update(done) } }
        bar.finish()
        let reportURL = URL(fileURLWithPath: db).deletingPathExtension().appendingPathExtension("html")
        if report { try AtomicFile.write(SweepReport.html(try Report.sweepInput(URL(fileURLWithPath: db))), to: reportURL) }
        if output.json {
            var object: [String: Any] = ["db": db, "points": runner.points.count, "points_in_shard": outcome.pointsInShard,
                                         "already_done": outcome.alreadyDone, "ran": outcome.ran, "replicates_per_point": runner.replicatesPerPoint,
                                         "seconds": outcome.seconds, "scenario_hash": runner.scenarioHash]
            if report { object["report"] = reportURL.path }
            try OutputOptions.printJSON(object)
            return
        }
        print("\(runner.base.name): \(outcome.ran) points run, \(outcome.alreadyDone) already done, of \(outcome.pointsInShard)"
              + (shard.map { " in shard \($0.description)" } ?? "") + " (\(runner.points.count) in the sweep), \(runner.replicatesPerPoint) replicates each, "
              + String(format: "%.2f s", outcome.seconds))
        for row in try database.pointMeans() {
            let reach = row.means["reach_share"].map { String(format: "reach %.1f%%", 100 * $0) } ?? ""
            // Reach counts anyone who ever adopted; where people drop the practice, who still does matters too.
            let practising = row.means["final_adopted"].map { String(format: ", %.0f still practising", $0) } ?? ""
            print("  point \(row.point) \(row.assignments): \(reach)\(practising) (\(row.replicates) replicates)")
        }
        print("results in \(db)" + (report ? "; report in \(reportURL.path)" : ""))
    }
}

/// `skein merge`: shard databases into one, checked.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine shard databases of one sweep, checking that every point is present once and the scenario hashes agree."
    )

    @Argument(help: "The merged database to write (created if missing).") var output: String
    @Argument(help: "Shard databases from skein sweep --shard.") var shards: [String]

    func run() throws {
        guard !shards.isEmpty else { throw ValidationError("give at least one shard database") }
        for path in shards where !FileManager.default.fileExists(atPath: path) { throw ValidationError("no such database: \(path)") }
        let inputs = try shards.map { try SweepDatabase(path: $0) }
        let merged = try SweepDatabase(path: output)
        try merged.merge(inputs)
        print("merged \(shards.count) shard\(shards.count == 1 ? "" : "s") into \(output): \(try merged.finishedPoints().count) points")
    }
}

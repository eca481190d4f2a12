import ArgumentParser
import Cluster
import Foundation
import NumericCore
import Reports
import Scenarios
import Sweeps
import Tables

/// `skein sweep [run]`: every point of a scenario's sweep, R replicates each, into a SQLite database;
/// or the plan of a Slurm job array doing the same; or one task of such a plan.
struct SweepRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario's sweep into a SQLite database: one row per (point, replicate); resumable; shardable.",
        discussion: """
            Points come from the file's sweep: section (grid, lists, latin_hypercube). Each finished point is \
            committed in one transaction, so an interrupted sweep (even kill -9) loses at most the point in \
            flight; running the same command again resumes. SIGTERM or Ctrl-C stops at the next point (the one in \
            flight gets SKEIN_STOP_GRACE seconds, default 20) and exits 143 or 130. --shard i/N runs every N-th \
            point (the (i−1)-th modulo N) so a batch scheduler can spread a sweep over machines; combine the \
            shards with skein merge. A point's results depend only on its own values, never on its index, the \
            shard or the size of the grid.

            --slurm DIR writes a plan for a Slurm job array instead of running: DIR/plan.json (scenario hash, points \
            with stable ids, tasks), DIR/sweep.sbatch (--array=0-(N-1)%C, resources from the options below), and \
            shards/ and logs/; --submit submits it. Each task runs skein sweep --plan DIR --shard t+1/N into its own \
            DIR/shards/task-NNNN.sqlite, written as .partial and renamed when complete.

            Tables: sweep (metadata, scenario hash), points (point, assignments as JSON, seconds), results \
            (point, replicate, final_reach, reach_share, final_adopted, time_to_50, time_to_90, peak_adopted, \
            peak_time, lapses, departures, reach_inequality, cross_boundary_share).
            """
    )

    @Argument(help: "The scenario file with a sweep: section (not with --plan).") var file: String?
    @Option(name: .long, help: "The results database (created if missing).") var db: String?
    @Option(name: .long, help: "Run only shard i of N, e.g. 2/8.") var shard: String?
    @Flag(name: .long, help: "Also write the comparison report next to the database (DB with .html; see skein report).") var report = false
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a value, e.g. --set model.p=0.1 (repeatable).", valueName: "path=value"))
    var overrides: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write a Slurm job-array plan into this folder instead of running.", valueName: "dir"))
    var slurm: String?
    @Option(name: .long, help: ArgumentHelp("Run one task of a plan written by --slurm (with --shard t+1/N), into the plan's shards/.", valueName: "dir"))
    var plan: String?
    @Flag(name: .long, help: "With --slurm: submit the plan with sbatch (only its unfinished tasks, when the plan exists) and record the job id.")
    var submit = false
    @Option(name: .long, help: "With --slurm: array tasks (default: one per point, at most MaxArraySize − 1).") var tasks: Int?
    @Option(name: .customLong("points-per-task"), help: "With --slurm: points each task runs (instead of --tasks).") var pointsPerTask: Int?
    @OptionGroup(title: "Slurm resources") var cluster: SlurmOptions

    @OptionGroup var compute: ComputeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let shard, SweepRunner.Shard(shard) == nil { throw ValidationError("--shard must be i/N with 1 ≤ i ≤ N (got \(shard))") }
        switch (file, plan, slurm, db) {
        case (nil, nil, _, _): throw ValidationError("give the scenario file (or --plan DIR to run one task of a plan)")
        case (_?, _?, _, _): throw ValidationError("--plan runs the plan's own scenario file: give no FILE with it")
        case (_, _?, _, _?): throw ValidationError("--plan writes into the plan's shards/: give no --db with it")
        case (_, _?, nil, nil) where shard == nil: throw ValidationError("--plan needs --shard t+1/N: which task to run")
        case (_, _, _?, _?): throw ValidationError("--slurm writes a plan; the tasks write the databases: give no --db with it")
        case (_?, nil, nil, nil): throw ValidationError("give --db OUT.sqlite for the results (or --slurm DIR to plan a cluster run)")
        default: break
        }
        if plan != nil && slurm != nil { throw ValidationError("--plan and --slurm do not go together") }
        if slurm != nil && shard != nil { throw ValidationError("--slurm shards the sweep itself (--tasks N or --points-per-task K): give no --shard") }
        if slurm == nil {
            let planOnly = [submit ? "--submit" : nil, tasks.map { _ in "--tasks" }, pointsPerTask.map { _ in "--points-per-task" }].compactMap { $0 }
                + cluster.givenNames
            if let first = planOnly.first { throw ValidationError("\(first) goes with --slurm DIR") }
        }
        if tasks != nil && pointsPerTask != nil { throw ValidationError("give --tasks or --points-per-task, not both") }
        if let tasks, tasks < 1 { throw ValidationError("--tasks must be at least 1 (got \(tasks))") }
        if let pointsPerTask, pointsPerTask < 1 { throw ValidationError("--points-per-task must be at least 1 (got \(pointsPerTask))") }
    }

    func run() throws {
        if let plan { return try runTask(URL(fileURLWithPath: plan)) }
        let runner: SweepRunner
        do {
            runner = try SweepRunner(file: file!, overrides: overrides)
        } catch let error as ScenarioError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(1)
        }
        if let slurm { return try writePlan(runner, URL(fileURLWithPath: slurm)) }
        let db = self.db!
        let shard = self.shard.flatMap(SweepRunner.Shard.init)
        if TimeBudget.limit != nil {
            let threads = compute.threads ?? Compute.defaultThreads
            let count = runner.points(in: shard).count
            let seconds = try compute.run { try runner.estimatedSecondsPerPoint(threads: threads) } * Double(count)
            do {
                try TimeBudget.check(seconds, for: "\(count) points × \(runner.replicatesPerPoint) replicates on \(threads) thread\(threads == 1 ? "" : "s") (measured from pilot replicates)")
            } catch let error as TimeBudget.Exceeded {
                FileHandle.standardError.write(Data("skein sweep: \(error.description); run it in shards (--shard i/N), on a cluster (--slurm DIR), or with fewer replicates\n".utf8))
                throw ExitCode(1)
            }
        }
        let database = try SweepDatabase(path: db)
        let bar = ProgressBar(total: runner.points(in: shard).count, label: "\(runner.base.name) sweep", quiet: output.json)
        let signal = TerminationSignal { number in
            "skein sweep: \(TerminationSignal.name(number)): the point in flight was abandoned; finished points are kept in \(db) — run the same command again to resume"
        }
        let outcome = try compute.run { try runner.run(into: database, shard: shard, stop: { signal.requested }) { done, _ in bar.update(done) } }
        bar.finish()
        if outcome.stopped, let number = signal.received { stopped(number, outcome, db: db) }
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

    /// A run ended by SIGTERM/SIGINT between points: said, with what was kept, and exit 128 + signal.
    func stopped(_ number: Int32, _ outcome: SweepRunner.Report, db: String) -> Never {
        let kept = outcome.alreadyDone + outcome.ran
        FileHandle.standardError.write(Data(("skein sweep: stopped by \(TerminationSignal.name(number)) after \(kept) of \(outcome.pointsInShard) points; "
            + "they are kept in \(db) — run the same command again to resume\n").utf8))
        Foundation.exit(128 + number)
    }

    /// `--plan DIR --shard t+1/N`: one task of a plan, into its own shard file.
    func runTask(_ directory: URL) throws {
        let shard = SweepRunner.Shard(self.shard!)!
        let task = try SweepTask(directory: directory, task: shard.index - 1)
        guard shard.count == task.plan.tasks else {
            throw ValidationError("the plan in \(directory.path) has \(task.plan.tasks) tasks: --shard must be t/\(task.plan.tasks) (got \(shard.description))")
        }
        let runner = try task.runner()
        let partial = task.partialURL.path
        let signal = TerminationSignal { number in
            "skein sweep: \(TerminationSignal.name(number)): the point in flight was abandoned; finished points are kept in "
                + "\(partial) and the task resumes from them when it runs again"
        }
        let outcome = try compute.run { try task.run(runner, stop: { signal.requested }) }
        if outcome.stopped, let number = signal.received { stopped(number, outcome, db: task.partialURL.path) }
        if output.json {
            try OutputOptions.printJSON(["task": task.task, "shard": shard.description, "points_in_task": outcome.pointsInShard,
                                         "already_done": outcome.alreadyDone, "ran": outcome.ran, "seconds": outcome.seconds,
                                         "db": task.shardURL.path])
            return
        }
        print("task \(task.task) (shard \(shard.description)): \(outcome.ran) points run, \(outcome.alreadyDone) already done, of \(outcome.pointsInShard); "
              + String(format: "%.2f s; ", outcome.seconds) + "complete in \(task.shardURL.path)")
    }

    /// `--slurm DIR [--submit]`: the plan, and perhaps its submission.
    func writePlan(_ runner: SweepRunner, _ directory: URL) throws {
        let client = SlurmClient()
        let count = SweepPlan.taskCount(points: runner.points.count, tasks: tasks, pointsPerTask: pointsPerTask,
                                        maxArraySize: client.maxArraySize() ?? 1001)
        let resources = cluster.resources(cpusPerTask: compute.threads ?? 1, tasks: count)
        let plan = try SweepPlan(runner: runner, tasks: count, resources: resources, skein: SlurmOptions.executable())
        // A task estimated past its --time would be stopped by Slurm at the limit: said now, not found later.
        let perTask = try compute.run { try runner.estimatedSecondsPerPoint(threads: resources.cpusPerTask) }
            * Double((plan.points.count + plan.tasks - 1) / plan.tasks)
        if let wall = TimeBudget.parse(resources.time), perTask > 0.9 * wall {
            FileHandle.standardError.write(Data(("skein sweep: each task is estimated at about \(TimeBudget.format(perTask)), near or over its --time "
                + "\(resources.time): Slurm would stop it at the limit (it keeps its finished points and resumes with skein sweep status DIR "
                + "--retry failed); give a longer --time or fewer --points-per-task\n").utf8))
        }
        let written = try plan.write(to: directory)
        let script = directory.appendingPathComponent(SweepPlan.scriptFile)
        var job: String?
        var submitted: [Int] = []
        if submit {
            let status = try SweepStatus(directory: directory)
            submitted = status.tasks.filter { $0.state == .failed || $0.state == .missing }.map(\.task)
            if !submitted.isEmpty {
                job = try SlurmSubmissions.submit(tasks: submitted, of: plan.tasks, script: script, concurrent: resources.concurrent,
                                                  in: directory, client: client)
            }
        }
        if output.json {
            var object: [String: Any] = ["plan": directory.path, "written": written, "points": plan.points.count, "tasks": plan.tasks,
                                         "estimated_task_seconds": perTask,
                                         "plan_hash": plan.planHash, "scenario_hash": plan.scenarioHash, "script": script.path]
            if let job { object["job"] = job; object["submitted_tasks"] = submitted }
            try OutputOptions.printJSON(object)
            return
        }
        let pointsPerTask = (plan.points.count + plan.tasks - 1) / plan.tasks
        print((written ? "plan written to" : "plan already in") + " \(directory.path): \(plan.points.count) points in \(plan.tasks) tasks "
              + "(up to \(pointsPerTask) point\(pointsPerTask == 1 ? "" : "s") each, about \(TimeBudget.format(perTask)) a task), \(plan.replicatesPerPoint) replicates per point")
        if let job {
            print("submitted job \(job): \(submitted.count) task\(submitted.count == 1 ? "" : "s"); watch with skein sweep status \(directory.path)")
        } else if submit {
            print("nothing to submit: every task is done, queued or running (skein sweep status \(directory.path))")
        } else {
            print("submit with: sbatch \(script.path)   (or add --submit); then skein sweep status \(directory.path)")
        }
    }
}

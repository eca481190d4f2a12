import Foundation

/// One task of a plan: its shard of points into its own SQLite file, written under the `.partial`
/// name and renamed to `task-NNNN.sqlite` once every point of the shard is in it. A task run again
/// resumes from its `.partial` (points already there are not rerun); a task already complete does
/// nothing. The scenario file is read again and must hash as it did when the plan was written.
public struct SweepTask {
    public let plan: SweepPlan
    public let directory: URL
    public let task: Int

    public init(directory: URL, task: Int) throws {
        plan = try SweepPlan.read(directory)
        guard (0..<plan.tasks).contains(task) else { throw SweepPlan.PlanError.badTask(task: task, tasks: plan.tasks) }
        self.directory = directory
        self.task = task
    }

    /// The plan's scenario, checked against the plan.
    public func runner() throws -> SweepRunner {
        let runner = try SweepRunner(file: plan.scenarioFile, overrides: plan.overrides)
        guard runner.scenarioHash == plan.scenarioHash else {
            throw SweepPlan.PlanError.scenarioChanged(file: plan.scenarioFile, planned: plan.scenarioHash, now: runner.scenarioHash)
        }
        return runner
    }

    public var shardURL: URL { SweepPlan.shardURL(directory, task) }
    public var partialURL: URL { SweepPlan.partialURL(directory, task) }

    /// Runs what is left of the task. `stop` and `progress` as in `SweepRunner.run`.
    public func run(_ runner: SweepRunner, stop: () -> Bool = { false }, progress: (Int, Int) -> Void = { _, _ in }) throws -> SweepRunner.Report {
        let shard = plan.shard(task)
        let mine = runner.points(in: shard).count
        if FileManager.default.fileExists(atPath: shardURL.path) {
            return SweepRunner.Report(pointsInShard: mine, alreadyDone: mine, ran: 0, seconds: 0, stopped: false)
        }
        let database = try SweepDatabase(path: partialURL.path)
        let report = try runner.run(into: database, shard: shard, metadata: ["plan_hash": plan.planHash, "task": String(task)],
                                    stop: stop, progress: progress)
        if report.complete {
            try database.setMetadata([SweepDatabase.completeKey: "true"])
            try database.close()
            try FileManager.default.moveItem(at: partialURL, to: shardURL)
        } else {
            try database.close()
        }
        return report
    }
}

import Cluster
import Foundation

/// Where every task of a plan stands, from its files first and Slurm second: a `.sqlite` shard is
/// done (whatever Slurm says); a task in the queue is queued or running; a `.partial` whose writer
/// still lives on this host is running (tasks run by hand); a task that left a partial file, a log or
/// a failed Slurm state behind is failed; one that left nothing is missing (never submitted, or
/// lost before it started).
public struct SweepStatus: Sendable {
    public enum State: String, Sendable, CaseIterable, Codable {
        case done, running, queued, failed, missing
    }

    public struct Task: Sendable {
        public var task: Int
        public var state: State
        /// Points of the task finished (in its shard or partial file), and how many it has.
        public var pointsDone: Int
        public var points: Int
        /// The latest job that ran it, and what Slurm says of it.
        public var job: String?
        public var slurm: SlurmClient.TaskState?
        /// Why it counts as failed when the files alone do not say (e.g. a shard of another plan).
        public var problem: String?
        /// The last lines of its log, for failed tasks.
        public var logTail: [String]
    }

    public let plan: SweepPlan
    public let tasks: [Task]
    /// Whether Slurm could be asked (squeue answered).
    public let slurmConsulted: Bool

    public func tasks(_ state: State) -> [Task] { tasks.filter { $0.state == state } }

    /// Reads the folder; `slurm` nil looks at the files only.
    public init(directory: URL, slurm: SlurmClient? = SlurmClient(), logLines: Int = 5) throws {
        plan = try SweepPlan.read(directory)
        // Accounting only matters for tasks that are neither done nor queued; asked once for all jobs.
        var view = try SlurmView(directory: directory, slurm: slurm)
        slurmConsulted = view.consulted
        var result: [Task] = []
        let fm = FileManager.default
        for t in 0..<plan.tasks {
            let points = plan.points(ofTask: t).count
            var task = Task(task: t, state: .missing, pointsDone: 0, points: points, job: view.latest[t], slurm: view.queued(t), problem: nil, logTail: [])
            let shard = SweepPlan.shardURL(directory, t), partial = SweepPlan.partialURL(directory, t)
            if fm.fileExists(atPath: shard.path) {
                let (done, planHash, writer) = Self.inspect(shard.path)
                task.pointsDone = done
                if planHash == plan.planHash && done == points {
                    task.state = .done
                } else {
                    task.state = .failed
                    task.problem = planHash != plan.planHash
                        ? "\(shard.lastPathComponent) belongs to another plan" + (writer.map { " (written by \($0))" } ?? "")
                        : "\(shard.lastPathComponent) holds \(done) of \(points) points"
                }
            } else if let state = task.slurm, state.isQueued || state.isRunning {
                task.state = state.isRunning ? .running : .queued
                if fm.fileExists(atPath: partial.path) { task.pointsDone = Self.inspect(partial.path).done }
            } else if fm.fileExists(atPath: partial.path) {
                let (done, _, writer) = Self.inspect(partial.path)
                task.pointsDone = done
                task.state = writer.map(SweepDatabase.writerIsAlive) == true ? .running : .failed
            } else {
                let log = SweepPlan.logURL(directory, t)
                task.slurm = view.ended(t)
                task.state = fm.fileExists(atPath: log.path) || task.slurm != nil ? .failed : .missing
            }
            if task.state == .failed {
                if task.slurm == nil { task.slurm = view.ended(t) }
                task.logTail = SlurmLog.tail(SweepPlan.logURL(directory, t), lines: logLines)
            }
            result.append(task)
        }
        tasks = result
    }

    /// Finished points, plan hash and recorded writer of a shard file; zeros when it cannot be read.
    static func inspect(_ path: String) -> (done: Int, planHash: String?, writer: String?) {
        guard let db = try? SweepDatabase(path: path, readOnly: true) else { return (0, nil, nil) }
        defer { try? db.close() }
        return ((try? db.finishedPoints().count) ?? 0, (try? db.metadata("plan_hash")) ?? nil, (try? db.metadata("writer")) ?? nil)
    }
}

import Cluster
import Foundation

/// Where a calibration plan stands: each task done (its shard is there and belongs to the plan),
/// queued or running (Slurm says so), failed (a log or a Slurm end state, and no shard) or missing
/// (never ran); and whether the finishing job has written the calibration.
public struct CalibrationStatus: Sendable {
    public enum State: String, Sendable, CaseIterable {
        case done, running, queued, failed, missing
    }

    public struct Task: Sendable {
        public var task: Int
        public var state: State
        public var job: String?
        public var slurm: SlurmClient.TaskState?
        public var problem: String?
        public var logTail: [String]
    }

    public let plan: CalibrationPlan
    public let tasks: [Task]
    /// The calibration folder exists (the finishing job wrote it).
    public let finished: Bool
    public let slurmConsulted: Bool

    public func tasks(_ state: State) -> [Task] { tasks.filter { $0.state == state } }

    public init(directory: URL, slurm: SlurmClient? = SlurmClient(), logLines: Int = 5) throws {
        plan = try CalibrationPlan.read(directory)
        var view = try SlurmView(directory: directory, slurm: slurm)
        slurmConsulted = view.consulted
        let fm = FileManager.default
        var result: [Task] = []
        for t in 0..<plan.tasks {
            var task = Task(task: t, state: .missing, job: view.latest[t], slurm: view.queued(t), problem: nil, logTail: [])
            if fm.fileExists(atPath: CalibrationPlan.shardURL(directory, t).path) {
                do {
                    _ = try CalibrationShard.read(directory, task: t, plan: plan)
                    task.state = .done
                } catch {
                    task.state = .failed
                    task.problem = "\(error)"
                }
            } else if let state = task.slurm, state.isQueued || state.isRunning {
                task.state = state.isRunning ? .running : .queued
            } else {
                task.slurm = view.ended(t)
                task.state = fm.fileExists(atPath: CalibrationPlan.logURL(directory, t).path) || task.slurm != nil ? .failed : .missing
            }
            if task.state == .failed { task.logTail = SlurmLog.tail(CalibrationPlan.logURL(directory, t), lines: logLines) }
            result.append(task)
        }
        tasks = result
        finished = fm.fileExists(atPath: URL(fileURLWithPath: plan.out).appendingPathComponent("calibration.json").path)
    }
}

import Cluster
import Foundation
import Tables

/// A rejection-ABC calibration laid out for a Slurm job array. Rejection ABC is embarrassingly
/// parallel: draw k's parameters come from one prior stream every task regenerates, and its run from
/// its own stream (seed, k), so the draws split into contiguous blocks, one per task, and a last job
/// that waits for them all (`--dependency=afterok`) ranks every run and writes the calibration —
/// the same numbers as `skein calibrate` in one process. It lives in a folder:
///
///     plan.json               this plan: the calibrate command's arguments and working directory,
///                             the simulator's fingerprint, draws and tasks
///     calibrate.sbatch        the array: task t runs `skein calibrate DIR --shard t+1/N`
///     finish.sbatch           the job after it: `skein calibrate DIR --finish`
///     shards/task-0003.json   a finished task's runs (written whole, or not at all)
///     logs/task-0003.log      each task's output, every attempt appended; logs/finish.log
///     jobs.json               the jobs submitted, and which tasks each ran
///     calibration/            the result, unless the command named its own --out
public struct CalibrationPlan: Codable, Sendable, Equatable {
    public var format = 1
    /// `skein calibrate`'s arguments without the cluster's options, as given.
    public var arguments: [String]
    /// Where they were given: relative paths in them are read from here.
    public var workingDirectory: String
    /// ABCSimulator.fingerprint at planning: tasks whose inputs differ refuse to run.
    public var fingerprint: String
    public var model: String
    public var simulations: Int
    public var acceptance: Double
    public var tasks: Int
    public var resources: SlurmResources
    public var skein: String
    public var created: String
    /// The calibration folder the finishing job writes.
    public var out: String
    /// SHA-256 of (fingerprint, arguments, simulations, tasks): another plan's shards never mix in.
    public var planHash: String

    public enum PlanError: Error, CustomStringConvertible, Equatable {
        case notAPlan(String)
        case unreadable(path: String, why: String)
        case otherPlan(directory: String)
        case inputsChanged(directory: String)
        case badTask(task: Int, tasks: Int)
        case tooManyTasks(tasks: Int, simulations: Int)
        case notDone(directory: String, tasks: [Int])
        case badShard(path: String, why: String)

        public var description: String {
            switch self {
            case let .notAPlan(path):
                return "\(path) is not a calibration plan (no plan.json); write one with skein calibrate DATA --fit … --slurm \(path)"
            case let .unreadable(path, why): return "\(path): \(why)"
            case let .otherPlan(directory):
                return "\(directory) holds the plan of another calibration: choose a new folder, or delete it"
            case let .inputsChanged(directory):
                return "the data, network, scenario or priors of the calibration planned in \(directory) changed since it was planned: "
                    + "its runs would not be the plan's; restore them, or plan again in a new folder"
            case let .badTask(task, tasks): return "task \(task) is not in the plan (tasks 0 to \(tasks - 1))"
            case let .tooManyTasks(tasks, simulations):
                return "\(tasks) tasks for \(simulations) simulations: every task needs at least one (use --tasks \(simulations) or fewer)"
            case let .notDone(directory, tasks):
                return "cannot finish the calibration in \(directory): tasks \(SlurmArray.spec(tasks, concurrent: nil)) are not done "
                    + "(skein calibrate \(directory) shows them; --submit resubmits them)"
            case let .badShard(path, why): return "\(path): \(why)"
            }
        }
    }

    public init(arguments: [String], workingDirectory: String, simulator: ABCSimulator, simulations: Int, acceptance: Double,
                tasks: Int, resources: SlurmResources, skein: String, out: String) throws {
        guard (1...max(1, simulations)).contains(tasks) else { throw PlanError.tooManyTasks(tasks: tasks, simulations: simulations) }
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        fingerprint = simulator.fingerprint
        model = simulator.spec.name
        self.simulations = simulations
        self.acceptance = acceptance
        self.tasks = tasks
        self.resources = resources
        self.skein = skein
        self.out = out
        created = ISO8601DateFormatter().string(from: Date())
        planHash = SHA256.hex(Data(([fingerprint, String(simulations), String(tasks), String(acceptance)] + arguments)
            .joined(separator: "\n").utf8))
    }

    /// Task `task`'s draws: contiguous blocks, the first `simulations % tasks` one longer.
    public func draws(ofTask task: Int) -> Range<Int> {
        let base = simulations / tasks, extra = simulations % tasks
        let start = task * base + min(task, extra)
        return start..<(start + base + (task < extra ? 1 : 0))
    }

    // MARK: The folder

    public static let planFile = "plan.json"
    public static let scriptFile = "calibrate.sbatch"
    public static let finishFile = "finish.sbatch"

    public static func taskName(_ task: Int) -> String { "task-" + String(format: "%04d", task) }
    public static func shardURL(_ directory: URL, _ task: Int) -> URL { directory.appendingPathComponent("shards/\(taskName(task)).json") }
    public static func logURL(_ directory: URL, _ task: Int) -> URL { directory.appendingPathComponent("logs/\(taskName(task)).log") }
    public static func finishLogURL(_ directory: URL) -> URL { directory.appendingPathComponent("logs/finish.log") }

    public static func read(_ directory: URL) throws -> CalibrationPlan {
        let url = directory.appendingPathComponent(planFile)
        guard FileManager.default.fileExists(atPath: url.path) else { throw PlanError.notAPlan(directory.path) }
        do {
            return try JSONDecoder().decode(CalibrationPlan.self, from: Data(contentsOf: url))
        } catch {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("sweep.sbatch").path) {
                throw PlanError.unreadable(path: url.path, why: "a sweep plan, not a calibration's: see skein sweep status \(directory.path)")
            }
            throw PlanError.unreadable(path: url.path, why: "not a calibration plan Skein wrote (\(error))")
        }
    }

    /// Writes the folder complete or not at all; one already holding this plan is kept (its shards
    /// too) and `false` returned; one holding another is refused.
    @discardableResult
    public func write(to directory: URL) throws -> Bool {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory.path) {
            guard try Self.read(directory).planHash == planHash else { throw PlanError.otherPlan(directory: directory.path) }
            return false
        }
        try PlanFolder.create(directory, files: [
            .init(Self.planFile, try PlanFolder.json(self)),
            .init(Self.scriptFile, Data(arrayScript(directory).utf8), executable: true),
            .init(Self.finishFile, Data(finishScript(directory).utf8), executable: true),
        ])
        return true
    }

    /// What a submission sent: the array job for the unfinished tasks, and the finishing job.
    public struct Submission: Sendable {
        public var array: String?
        public var finish: String?
        public var tasks: [Int]
    }

    /// Submits the tasks of the plan in `directory` that are not done, queued or running, then the
    /// finishing job after them all (cancelling an earlier finishing job, which would wait for a
    /// failed array forever).
    public static func submit(_ directory: URL, client: SlurmClient = SlurmClient()) throws -> Submission {
        let status = try CalibrationStatus(directory: directory, slurm: client)
        let todo = status.tasks.filter { $0.state == .failed || $0.state == .missing }.map(\.task)
        let pending = status.tasks.filter { $0.state == .queued || $0.state == .running }.compactMap(\.job)
        var array: String?
        if !todo.isEmpty {
            array = try SlurmSubmissions.submit(tasks: todo, of: status.plan.tasks, script: directory.appendingPathComponent(scriptFile),
                                                concurrent: status.plan.resources.concurrent, in: directory, client: client)
        }
        var finish: String?
        if !status.finished || !todo.isEmpty {
            var submissions = try SlurmSubmissions.read(directory)
            for old in submissions.jobs where old.tasks.isEmpty { client.cancel(job: old.job) }
            let after = Array(Set(pending + (array.map { [$0] } ?? []))).sorted()
            let id = try client.submit(script: directory.appendingPathComponent(finishFile), tasks: nil, concurrent: nil, after: after)
            try submissions.record(job: id, tasks: [], in: directory)
            finish = id
        }
        return Submission(array: array, finish: finish, tasks: todo)
    }

    func header(_ directory: URL) -> [String] {
        let dir = SlurmArray.quote(directory.standardizedFileURL.path)
        return [
            "#!/bin/bash",
            "# Written by skein calibrate --slurm: rejection ABC of the \(model) model, \(simulations) simulations in \(tasks) tasks.",
            "# Plan \(planHash.prefix(16)). Submit both: skein calibrate \(dir) --submit (the finishing job waits for the array).",
        ]
    }

    /// The array: each task runs its block of draws into its own shard.
    func arrayScript(_ directory: URL) -> String {
        let dir = directory.standardizedFileURL.path
        var lines = header(directory)
        lines += resources.directives(jobName: "calibrate-" + model, array: SlurmArray.spec(Array(0..<tasks), concurrent: resources.concurrent),
                                      output: "\(dir)/logs/task-%4a.log")
        lines += [
            "set -euo pipefail",
            "echo \"== skein calibrate task ${SLURM_ARRAY_TASK_ID} (job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}) on $(hostname) at $(date -Is)\"",
            "exec \"${SKEIN:-\(skein)}\" calibrate \(SlurmArray.quote(dir)) --shard \"$((SLURM_ARRAY_TASK_ID + 1))/\(tasks)\" "
                + "--threads \"${SLURM_CPUS_PER_TASK:-\(resources.cpusPerTask)}\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The finishing job: one core, ranks every run and writes the calibration folder.
    func finishScript(_ directory: URL) -> String {
        let dir = directory.standardizedFileURL.path
        var one = resources
        one.cpusPerTask = 1
        one.concurrent = nil
        var lines = header(directory)
        lines += one.directives(jobName: "calibrate-" + model + "-finish", array: nil, output: "\(dir)/logs/finish.log")
        lines += [
            "set -euo pipefail",
            "echo \"== skein calibrate finish (job ${SLURM_JOB_ID}) on $(hostname) at $(date -Is)\"",
            "exec \"${SKEIN:-\(skein)}\" calibrate \(SlurmArray.quote(dir)) --finish --threads 1",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}

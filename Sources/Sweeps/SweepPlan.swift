import Cluster
import Foundation
import Tables

/// A sweep laid out for a batch scheduler (a Slurm job array): the resolved scenario's hash, every
/// point with its stable id, how the points fall into tasks, and the resources each task asks for.
/// It lives in a folder:
///
///     plan.json                 this plan
///     sweep.sbatch              the array job: task t runs `skein sweep --plan DIR --shard t+1/N`
///     shards/task-0003.sqlite   a finished task's results (task 3 = shard 4/N)
///     shards/task-0003.sqlite.partial   a task's results while it runs (or after it was stopped)
///     logs/task-0003.log        the task's standard output and error, every attempt appended
///     jobs.json                 the job ids submitted, and which tasks each ran
///
/// Each task writes its own SQLite file (SQLite's locks are unsafe on NFS; WAL needs one host) under
/// a temporary name, renamed when every point of the task is in it: a `.sqlite` shard is complete by
/// construction, and a stopped task resumes from its `.partial`.
public struct SweepPlan: Codable, Sendable, Equatable {
    public struct Point: Codable, Sendable, Equatable {
        public var index: Int
        /// SweepRunner.pointID: the same for the same values in any plan.
        public var id: String
        /// The values the point sets, as sorted-key JSON.
        public var assignments: String
    }

    /// What each array task asks Slurm for.
    public typealias Resources = SlurmResources

    public var format = 1
    public var name: String
    /// The scenario file, absolute: tasks read it again and refuse it if it changed.
    public var scenarioFile: String
    public var overrides: [String]
    public var scenarioHash: String
    public var seed: UInt64
    public var replicatesPerPoint: Int
    public var tasks: Int
    public var resources: Resources
    /// The skein executable the tasks run (the script lets SKEIN override it).
    public var skein: String
    public var created: String
    /// SHA-256 of (scenario hash, tasks, point ids): shards of another plan are never merged with these.
    public var planHash: String
    public var points: [Point]

    public enum PlanError: Error, CustomStringConvertible, Equatable {
        case notAPlan(String)
        case unreadable(path: String, why: String)
        case otherPlan(directory: String, stored: String, current: String)
        case scenarioChanged(file: String, planned: String, now: String)
        case badTask(task: Int, tasks: Int)
        case tooManyTasks(tasks: Int, points: Int)

        public var description: String {
            switch self {
            case let .notAPlan(path): return "\(path) is not a sweep plan (no plan.json); write one with skein sweep FILE --slurm \(path)"
            case let .unreadable(path, why): return "\(path): \(why)"
            case let .otherPlan(directory, stored, current):
                return "\(directory) holds the plan of another sweep (plan \(stored.prefix(12))…, this one \(current.prefix(12))…); "
                    + "choose a new folder, or delete it"
            case let .scenarioChanged(file, planned, now):
                return "\(file) changed since the plan was written (scenario hash \(planned.prefix(12))… then, \(now.prefix(12))… now); "
                    + "its results would not be the plan's: restore the file, or write a new plan in a new folder"
            case let .badTask(task, tasks): return "task \(task) is not in the plan (tasks 0 to \(tasks - 1))"
            case let .tooManyTasks(tasks, points):
                return "\(tasks) tasks for \(points) points: a task needs at least one point (use --tasks \(points) or fewer)"
            }
        }
    }

    public init(runner: SweepRunner, tasks: Int, resources: Resources, skein: String) throws {
        guard (1...max(1, runner.points.count)).contains(tasks) else { throw PlanError.tooManyTasks(tasks: tasks, points: runner.points.count) }
        name = runner.base.name
        scenarioFile = URL(fileURLWithPath: runner.file).standardizedFileURL.path
        overrides = runner.overrides
        scenarioHash = runner.scenarioHash
        seed = runner.base.seed
        replicatesPerPoint = runner.replicatesPerPoint
        self.tasks = tasks
        self.resources = resources
        self.skein = skein
        created = ISO8601DateFormatter().string(from: Date())
        points = runner.points.map { Point(index: $0.index, id: SweepRunner.pointID($0), assignments: $0.json) }
        planHash = SHA256.hex(Data(([scenarioHash, String(tasks)] + points.map(\.id)).joined(separator: "\n").utf8))
    }

    /// Tasks for `points` points: `tasks` if given, else one per `pointsPerTask` (default 1), and
    /// never more than `maxArraySize − 1` (Slurm's largest array index; 1 001 by default) — past it,
    /// several points share a task.
    public static func taskCount(points: Int, tasks: Int?, pointsPerTask: Int?, maxArraySize: Int = 1001) -> Int {
        if let tasks { return tasks }
        let perTask = max(1, pointsPerTask ?? 1)
        let wanted = (points + perTask - 1) / perTask
        return max(1, min(wanted, maxArraySize - 1))
    }

    /// Task `task` (0-based, as SLURM_ARRAY_TASK_ID) is shard task+1 of N.
    public func shard(_ task: Int) -> SweepRunner.Shard { SweepRunner.Shard(index: task + 1, count: tasks) }

    public func points(ofTask task: Int) -> [Point] { points.filter { shard(task).contains($0.index) } }

    // MARK: The folder

    public static let planFile = "plan.json"
    public static let scriptFile = "sweep.sbatch"
    public static let jobsFile = SlurmSubmissions.file

    public static func taskName(_ task: Int) -> String { "task-" + String(format: "%04d", task) }

    public static func shardURL(_ directory: URL, _ task: Int) -> URL {
        directory.appendingPathComponent("shards/\(taskName(task)).sqlite")
    }

    public static func partialURL(_ directory: URL, _ task: Int) -> URL {
        directory.appendingPathComponent("shards/\(taskName(task)).sqlite.partial")
    }

    public static func logURL(_ directory: URL, _ task: Int) -> URL {
        directory.appendingPathComponent("logs/\(taskName(task)).log")
    }

    /// Reads the plan in `directory`, with an error naming the file when it is missing or damaged.
    public static func read(_ directory: URL) throws -> SweepPlan {
        let url = directory.appendingPathComponent(planFile)
        guard FileManager.default.fileExists(atPath: url.path) else { throw PlanError.notAPlan(directory.path) }
        do {
            return try JSONDecoder().decode(SweepPlan.self, from: Data(contentsOf: url))
        } catch let error as DecodingError {
            // A calibration's plan folder looks alike: sent to its own command.
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("calibrate.sbatch").path) {
                throw PlanError.unreadable(path: url.path, why: "a calibration plan, not a sweep's: see skein calibrate \(directory.path)")
            }
            throw PlanError.unreadable(path: url.path, why: "not a plan Skein wrote (\(Self.describe(error)))")
        } catch {
            throw PlanError.unreadable(path: url.path, why: error.localizedDescription)
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, context): return "no \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case let .dataCorrupted(context): return context.debugDescription
        @unknown default: return "\(error)"
        }
    }

    /// Writes the folder (plan, script, empty shards/ and logs/) complete or not at all. A folder that
    /// already holds this very plan is kept as it is (its shards too) and `false` returned; one
    /// holding another plan is refused.
    @discardableResult
    public func write(to directory: URL) throws -> Bool {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory.path) {
            let existing = try Self.read(directory)
            guard existing.planHash == planHash else {
                throw PlanError.otherPlan(directory: directory.path, stored: existing.planHash, current: planHash)
            }
            return false
        }
        try PlanFolder.create(directory, files: [
            .init(Self.planFile, try PlanFolder.json(self)),
            .init(Self.scriptFile, Data(SlurmScript.text(self, directory: directory).utf8), executable: true),
        ])
        return true
    }
}

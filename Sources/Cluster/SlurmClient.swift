import Foundation
import Synchronization

/// Slurm's commands as batch work needs them: submit an array (`sbatch`), see which tasks are queued
/// or running (`squeue`), and how finished ones ended (`sacct`, or `scontrol show job` where accounting
/// is off and the controller still remembers the job). Each is found on PATH; a cluster without
/// one answers nil rather than failing, so status still works from the files alone.
public struct SlurmClient: Sendable {
    public enum SlurmError: Error, CustomStringConvertible {
        case notInstalled(String)
        case failed(command: String, status: Int32, output: String)

        public var description: String {
            switch self {
            case let .notInstalled(tool):
                return "\(tool) is not on PATH: this machine cannot submit to Slurm. Submit the plan's script from a login node, "
                    + "or run its tasks by hand (the script's last line is the command; SLURM_ARRAY_TASK_ID the task)"
            case let .failed(command, status, output):
                return "\(command) failed (exit \(status)): \(output.trimmingCharacters(in: .whitespacesAndNewlines))"
            }
        }
    }

    /// A task's place in the queue or how it ended, as Slurm names it (PENDING, RUNNING, COMPLETED,
    /// FAILED, TIMEOUT, CANCELLED, PREEMPTED, OUT_OF_MEMORY, NODE_FAIL…).
    public struct TaskState: Sendable, Equatable {
        public var job: String
        public var state: String
        public var exitCode: String?

        public var isQueued: Bool { ["PENDING", "REQUEUED", "CONFIGURING", "RESIZING", "SUSPENDED"].contains(state) }
        public var isRunning: Bool { ["RUNNING", "COMPLETING", "STAGE_OUT", "SIGNALING"].contains(state) }
    }

    public init() {}

    public static func available(_ tool: String) -> Bool { which(tool) != nil }

    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a Slurm command; its standard output, or `failed` with what it said.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        guard let path = which(tool) else { throw SlurmError.notInstalled(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes drained at once: either one left full would block the tool.
        let errors = Mutex(Data())
        let drained = DispatchGroup()
        DispatchQueue.global().async(group: drained) {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            errors.withLock { $0 = data }
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        let errorText = errors.withLock { String(decoding: $0, as: UTF8.self) }
        let text = String(decoding: output, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw SlurmError.failed(command: ([tool] + arguments).joined(separator: " "), status: process.terminationStatus,
                                    output: errorText + text)
        }
        return text
    }

    /// Submits `script` for `tasks` (all of its array, or a job that is no array, when nil) and
    /// returns the job id; with `after`, it starts only once those jobs all completed successfully.
    public func submit(script: URL, tasks: [Int]?, concurrent: Int?, after: [String] = []) throws -> String {
        var arguments = ["--parsable"]
        if let tasks { arguments.append("--array=" + SlurmArray.spec(tasks, concurrent: concurrent)) }
        if !after.isEmpty { arguments.append("--dependency=afterok:" + after.joined(separator: ":")) }
        arguments.append(script.path)
        let output = try Self.run("sbatch", arguments).trimmingCharacters(in: .whitespacesAndNewlines)
        // --parsable prints "jobid" or "jobid;cluster".
        return String(output.split(separator: ";").first ?? Substring(output))
    }

    /// Cancels a job, quietly: it may have ended already.
    public func cancel(job: String) {
        _ = try? Self.run("scancel", [job])
    }

    /// The largest array size this cluster allows (MaxArraySize), when `scontrol` can say.
    public func maxArraySize() -> Int? {
        guard let text = try? Self.run("scontrol", ["show", "config"]) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MaxArraySize") {
            return line.split(separator: "=").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
        return nil
    }

    /// Array tasks of `jobs` still in the queue, by task id (the latest job's when several hold one).
    public func queued(jobs: [String]) -> [Int: TaskState]? {
        guard !jobs.isEmpty else { return [:] }
        guard let text = try? Self.run("squeue", ["-h", "-r", "-j", jobs.joined(separator: ","), "-o", "%i|%T"]) else { return nil }
        return Self.parse(text, jobs: jobs)
    }

    /// How array tasks of `jobs` ended, from accounting, else from the controller's memory of them.
    public func finished(jobs: [String]) -> [Int: TaskState]? {
        guard !jobs.isEmpty else { return [:] }
        if let text = try? Self.run("sacct", ["-n", "-P", "-X", "-j", jobs.joined(separator: ","), "-o", "JobID,State,ExitCode"]),
           !text.isEmpty {
            return Self.parse(text, jobs: jobs)
        }
        var states: [Int: TaskState] = [:]
        var any = false
        for job in jobs {
            guard let text = try? Self.run("scontrol", ["-o", "show", "job", job]) else { continue }
            any = true
            for line in text.split(separator: "\n") {
                var fields: [String: String] = [:]
                for word in line.split(separator: " ") {
                    let kv = word.split(separator: "=", maxSplits: 1)
                    if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
                }
                guard let id = fields["ArrayTaskId"].flatMap(Int.init), let state = fields["JobState"] else { continue }
                states[id] = TaskState(job: job, state: state, exitCode: fields["ExitCode"])
            }
        }
        return any ? states : nil
    }

    /// Lines "JOB_TASK|STATE[|EXIT]" (squeue -r, sacct -P) into states by task, later jobs winning.
    static func parse(_ text: String, jobs: [String]) -> [Int: TaskState] {
        var states: [Int: (rank: Int, state: TaskState)] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { continue }
            let id = fields[0].split(separator: "_")
            guard id.count == 2, let task = Int(id[1]), let rank = jobs.firstIndex(of: String(id[0])) else { continue }
            // "CANCELLED by 0" → CANCELLED
            let state = String(fields[1].split(separator: " ").first ?? "")
            if let have = states[task], have.rank > rank { continue }
            states[task] = (rank, TaskState(job: String(id[0]), state: state, exitCode: fields.count > 2 ? fields[2] : nil))
        }
        return states.mapValues(\.state)
    }
}

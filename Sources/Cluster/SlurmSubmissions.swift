import Foundation
import Tables

/// The jobs a plan folder was submitted as (`jobs.json`), oldest first: which tasks each ran, so
/// status asks Slurm about the right ones and a retried task is judged by its latest attempt.
public struct SlurmSubmissions: Codable, Sendable, Equatable {
    public enum ReadError: Error, CustomStringConvertible {
        case unreadable(path: String, why: String)

        public var description: String {
            switch self {
            case let .unreadable(path, why): return "\(path): not the job list Skein writes (\(why))"
            }
        }
    }

    public static let file = "jobs.json"

    public struct Job: Codable, Sendable, Equatable {
        public var job: String
        public var tasks: [Int]
        public var submitted: String
    }

    public var jobs: [Job] = []

    public init() {}

    public static func read(_ directory: URL) throws -> SlurmSubmissions {
        let url = directory.appendingPathComponent(Self.file)
        guard FileManager.default.fileExists(atPath: url.path) else { return SlurmSubmissions() }
        do {
            return try JSONDecoder().decode(SlurmSubmissions.self, from: Data(contentsOf: url))
        } catch {
            throw ReadError.unreadable(path: url.path, why: "\(error)")
        }
    }

    /// Adds a submission and rewrites the file atomically.
    public mutating func record(job: String, tasks: [Int], in directory: URL) throws {
        jobs.append(Job(job: job, tasks: tasks, submitted: ISO8601DateFormatter().string(from: Date())))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: directory.appendingPathComponent(Self.file))
    }

    /// The latest job that ran each task.
    public var latestJob: [Int: String] {
        var latest: [Int: String] = [:]
        for job in jobs { for t in job.tasks { latest[t] = job.job } }
        return latest
    }

    /// Submits `tasks` of a plan's array `script` — the whole array as the script declares it when
    /// they are all `total` of its tasks — and records the job in `directory`'s jobs.json.
    public static func submit(tasks: [Int], of total: Int, script: URL, concurrent: Int?, in directory: URL,
                              client: SlurmClient = SlurmClient()) throws -> String {
        let id = try client.submit(script: script, tasks: tasks.count == total ? nil : tasks, concurrent: concurrent)
        var submissions = try read(directory)
        try submissions.record(job: id, tasks: tasks, in: directory)
        return id
    }
}

import Foundation
import Tables

/// The jobs a plan was submitted as (`jobs.json`), oldest first: which tasks each ran, so status
/// asks Slurm about the right ones and a retried task is judged by its latest attempt.
public struct SweepSubmissions: Codable, Sendable, Equatable {
    public struct Job: Codable, Sendable, Equatable {
        public var job: String
        public var tasks: [Int]
        public var submitted: String
    }

    public var jobs: [Job] = []

    public init() {}

    public static func read(_ directory: URL) throws -> SweepSubmissions {
        let url = directory.appendingPathComponent(SweepPlan.jobsFile)
        guard FileManager.default.fileExists(atPath: url.path) else { return SweepSubmissions() }
        do {
            return try JSONDecoder().decode(SweepSubmissions.self, from: Data(contentsOf: url))
        } catch {
            throw SweepPlan.PlanError.unreadable(path: url.path, why: "not the job list Skein writes (\(error))")
        }
    }

    /// Adds a submission and rewrites the file atomically.
    public mutating func record(job: String, tasks: [Int], in directory: URL) throws {
        jobs.append(Job(job: job, tasks: tasks, submitted: ISO8601DateFormatter().string(from: Date())))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: directory.appendingPathComponent(SweepPlan.jobsFile))
    }

    /// The latest job that ran each task.
    public var latestJob: [Int: String] {
        var latest: [Int: String] = [:]
        for job in jobs { for t in job.tasks { latest[t] = job.job } }
        return latest
    }
}

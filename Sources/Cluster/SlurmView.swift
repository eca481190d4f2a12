import Foundation

/// What Slurm says of a plan folder's tasks: the latest job that ran each (from jobs.json), which
/// are in the queue (`squeue`, asked once), and — asked only when a task needs it, once for all —
/// how the others ended (`sacct`, else `scontrol`). Without `slurm`, or where it does not answer,
/// everything is nil and status goes by the files alone.
public struct SlurmView {
    public let latest: [Int: String]
    public let jobs: [String]
    let queue: [Int: SlurmClient.TaskState]?
    let slurm: SlurmClient?
    var ended: [Int: SlurmClient.TaskState]?

    /// Whether Slurm answered (squeue did).
    public var consulted: Bool { queue != nil }

    public init(directory: URL, slurm: SlurmClient?) throws {
        let submissions = try SlurmSubmissions.read(directory)
        latest = submissions.latestJob
        let jobs = submissions.jobs.map(\.job)
        self.jobs = jobs
        self.slurm = slurm
        queue = slurm.flatMap { $0.queued(jobs: jobs) }
    }

    /// Task `t` in the queue under its latest job.
    public func queued(_ t: Int) -> SlurmClient.TaskState? {
        queue?[t].flatMap { $0.job == latest[t] ? $0 : nil }
    }

    /// How task `t`'s latest job ended, where accounting or the controller remembers.
    public mutating func ended(_ t: Int) -> SlurmClient.TaskState? {
        if ended == nil { ended = slurm.flatMap { $0.finished(jobs: jobs) } ?? [:] }
        return ended?[t].flatMap { $0.job == latest[t] ? $0 : nil }
    }
}

import Foundation
import Tables

/// One task's runs of a calibration plan: draws `first ..< first + curves.count`, their summaries
/// exactly (JSON numbers round-trip a Double), written whole under a temporary name and renamed.
public struct CalibrationShard: Codable, Sendable, Equatable {
    public var planHash: String
    public var task: Int
    public var first: Int
    public var curves: [[Double]]
    /// Mean exposure at adoption, null where a run had none (NaN in memory).
    public var thresholds: [Double?]
    public var seconds: Double

    public init(plan: CalibrationPlan, task: Int, runs: [ABCSimulator.Simulated], seconds: Double) {
        planHash = plan.planHash
        self.task = task
        first = plan.draws(ofTask: task).lowerBound
        curves = runs.map(\.curve)
        thresholds = runs.map { $0.threshold.isNaN ? nil : $0.threshold }
        self.seconds = seconds
    }

    public var runs: [ABCSimulator.Simulated] {
        zip(curves, thresholds).map { ABCSimulator.Simulated(curve: $0, threshold: $1 ?? .nan) }
    }

    public func write(to url: URL) throws {
        try AtomicFile.write(try JSONEncoder().encode(self), to: url)
    }

    /// The shard of `task` in `directory`, checked against the plan: its hash, its task and its draws.
    public static func read(_ directory: URL, task: Int, plan: CalibrationPlan) throws -> CalibrationShard {
        let url = CalibrationPlan.shardURL(directory, task)
        let shard: CalibrationShard
        do {
            shard = try JSONDecoder().decode(CalibrationShard.self, from: Data(contentsOf: url))
        } catch {
            throw CalibrationPlan.PlanError.badShard(path: url.path, why: "not a shard Skein wrote (\(error))")
        }
        let range = plan.draws(ofTask: task)
        guard shard.planHash == plan.planHash else { throw CalibrationPlan.PlanError.badShard(path: url.path, why: "belongs to another plan") }
        guard shard.task == task, shard.first == range.lowerBound, shard.curves.count == range.count, shard.thresholds.count == range.count else {
            throw CalibrationPlan.PlanError.badShard(path: url.path, why: "holds draws \(shard.first)..<\(shard.first + shard.curves.count), not the task's \(range)")
        }
        return shard
    }
}

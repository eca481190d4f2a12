import ArgumentParser
import Foundation
import Sweeps

/// `skein merge`: shard databases (or a Slurm plan's folder) into one, checked, written atomically.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine shard databases of one sweep, or the tasks of a Slurm plan folder, checking that every point is present once and the scenario hashes agree.",
        discussion: """
            Refused, naming the shards at fault, when the shards ran different scenarios or plans, when a shard holds \
            only part of its points (a stopped task: rerun it, it resumes), or when points are missing or repeated. A \
            plan folder (from skein sweep FILE --slurm DIR) must have every task done: see skein sweep status DIR. \
            The merged database appears complete or not at all.
            """
    )

    @Argument(help: "The merged database to write (created if missing).") var output: String
    @Argument(help: "Shard databases from skein sweep --shard, or a plan folder from skein sweep --slurm.") var shards: [String]

    func run() throws {
        guard !shards.isEmpty else { throw ValidationError("give at least one shard database or plan folder") }
        var paths: [String] = []
        for path in shards {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw ValidationError("no such database or plan folder: \(path)") }
            if isDirectory.boolValue {
                paths += try planShards(URL(fileURLWithPath: path))
            } else {
                paths.append(path)
            }
        }
        let inputs = try paths.map { try SweepDatabase(path: $0) }
        let merged = try SweepDatabase.merge(inputs, into: output)
        print("merged \(paths.count) shard\(paths.count == 1 ? "" : "s") into \(output): \(try merged.finishedPoints().count) points")
    }

    /// Every task's complete shard in a plan folder, or a refusal naming the tasks that are not done.
    func planShards(_ folder: URL) throws -> [String] {
        let status = try SweepStatus(directory: folder, slurm: nil)
        let notDone = status.tasks.filter { $0.state != .done }
        if !notDone.isEmpty {
            let listed = notDone.prefix(20).map { t in "task \(t.task) \(t.state.rawValue) (\(t.pointsDone) of \(t.points) points)" + (t.problem.map { ": \($0)" } ?? "") }
            throw ValidationError("cannot merge \(folder.path): \(notDone.count) of \(status.plan.tasks) tasks are not done — "
                                  + listed.joined(separator: "; ") + (notDone.count > 20 ? "; …" : "")
                                  + ". See skein sweep status \(folder.path) (--retry failed resubmits them)")
        }
        return (0..<status.plan.tasks).map { SweepPlan.shardURL(folder, $0).path }
    }
}

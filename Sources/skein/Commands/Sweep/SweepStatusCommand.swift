import ArgumentParser
import Cluster
import Foundation
import Sweeps

/// `skein sweep status DIR`: where every task of a plan stands; `--retry` resubmits the unfinished.
struct SweepStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where the tasks of a Slurm plan stand: done, running, queued, failed (with its log's last lines) and missing.",
        discussion: """
            Read from the plan's files (a task is done when its shards/task-NNNN.sqlite exists), and from squeue and \
            sacct (or scontrol) where Slurm answers. --retry failed resubmits only the failed tasks with sbatch; \
            they resume from the points they had finished. Exits 0 when every task is done, 1 otherwise.
            """
    )

    enum Retry: String, ExpressibleByArgument, CaseIterable {
        case failed, missing, unfinished
    }

    @Argument(help: "The plan folder written by skein sweep FILE --slurm DIR.") var directory: String
    @Option(name: .long, help: "Resubmit tasks: failed, missing (never ran), or unfinished (both).") var retry: Retry?
    @Option(name: .long, help: "Log lines shown per failed task.") var lines = 5
    @OptionGroup var output: OutputOptions

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        var status = try SweepStatus(directory: folder, logLines: lines)
        var job: String?
        var resubmitted: [Int] = []
        if let retry {
            let states: Set<SweepStatus.State> = retry == .failed ? [.failed] : retry == .missing ? [.missing] : [.failed, .missing]
            resubmitted = status.tasks.filter { states.contains($0.state) }.map(\.task)
            if !resubmitted.isEmpty {
                job = try SlurmSubmissions.submit(tasks: resubmitted, of: status.plan.tasks, script: folder.appendingPathComponent(SweepPlan.scriptFile),
                                                  concurrent: status.plan.resources.concurrent, in: folder)
                status = try SweepStatus(directory: folder, logLines: lines)
            }
        }
        let done = status.tasks(.done).count
        if output.json {
            var object: [String: Any] = [
                "plan": folder.path, "tasks": status.plan.tasks, "points": status.plan.points.count, "slurm": status.slurmConsulted,
                "counts": Dictionary(uniqueKeysWithValues: SweepStatus.State.allCases.map { ($0.rawValue, status.tasks($0).count) }),
                "task_states": status.tasks.map { t -> [String: Any] in
                    var o: [String: Any] = ["task": t.task, "state": t.state.rawValue, "points_done": t.pointsDone, "points": t.points]
                    if let j = t.job { o["job"] = j }
                    if let s = t.slurm { o["slurm_state"] = s.state }
                    if let p = t.problem { o["problem"] = p }
                    if !t.logTail.isEmpty { o["log_tail"] = t.logTail }
                    return o
                },
            ]
            if let job { object["retry_job"] = job; object["retried_tasks"] = resubmitted }
            try OutputOptions.printJSON(object)
        } else {
            print(report(status, folder))
            if let job {
                print("resubmitted \(resubmitted.count) task\(resubmitted.count == 1 ? "" : "s") as job \(job): \(SlurmArray.spec(resubmitted, concurrent: nil))")
            } else if retry != nil {
                print("nothing to resubmit")
            }
        }
        if done < status.plan.tasks { throw ExitCode(1) }
    }

    func report(_ status: SweepStatus, _ folder: URL) -> String {
        let plan = status.plan
        let pointsDone = status.tasks.map(\.pointsDone).reduce(0, +)
        var lines = ["\(plan.name): \(plan.tasks) tasks, \(pointsDone) of \(plan.points.count) points finished"
                     + (status.slurmConsulted ? "" : " (Slurm not reachable from here: from the files alone)")]
        for state in SweepStatus.State.allCases {
            let tasks = status.tasks(state)
            guard !tasks.isEmpty else { continue }
            lines.append("  \(state.rawValue): \(tasks.count) — tasks \(SlurmArray.spec(tasks.map(\.task), concurrent: nil))")
        }
        for t in status.tasks(.failed) {
            var line = "  task \(t.task): failed with \(t.pointsDone) of \(t.points) points kept"
            if let s = t.slurm { line += "; Slurm: \(s.state)" + (s.exitCode.map { " (exit \($0))" } ?? "") + (t.job.map { ", job \($0)" } ?? "") }
            if let p = t.problem { line += "; \(p)" }
            lines.append(line)
            lines += t.logTail.map { "      | \($0)" }
        }
        if status.tasks(.done).count == plan.tasks {
            lines.append("every task is done: skein merge OUT.sqlite \(folder.path)")
        } else if !status.tasks(.failed).isEmpty {
            lines.append("resubmit the failed tasks with: skein sweep status \(folder.path) --retry failed")
        }
        return lines.joined(separator: "\n")
    }
}

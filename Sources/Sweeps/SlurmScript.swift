import Foundation

/// The `sbatch` script of a plan: one array task per shard, each running `skein sweep --plan DIR
/// --shard $((SLURM_ARRAY_TASK_ID + 1))/N` on as many cores as it asked for, its log appended per
/// attempt. `exec` makes skein the job's own process, so Slurm's SIGTERM (time limit, preemption,
/// `scancel`) reaches it directly; `--signal=B:TERM@90` sends one 90 s before the time limit, so the
/// point in flight can finish (SKEIN_STOP_GRACE) before Slurm's SIGKILL.
public enum SlurmScript {
    public static func text(_ plan: SweepPlan, directory: URL) -> String {
        let dir = directory.standardizedFileURL.path
        let r = plan.resources
        var lines = [
            "#!/bin/bash",
            "# Written by skein sweep --slurm: \(plan.name), \(plan.points.count) points in \(plan.tasks) tasks, "
                + "\(plan.replicatesPerPoint) replicates per point.",
            "# Plan \(plan.planHash.prefix(16)) of scenario \(plan.scenarioHash.prefix(16)) (\(plan.scenarioFile)).",
            "# Submit: sbatch \(quote(dir + "/" + SweepPlan.scriptFile))   (or skein sweep FILE --slurm DIR --submit)",
            "# Watch and retry: skein sweep status \(quote(dir)) [--retry failed]; combine: skein merge OUT.sqlite \(quote(dir))",
            "#SBATCH --job-name=\(jobName(plan.name))",
            "#SBATCH --array=\(arraySpec(Array(0..<plan.tasks), concurrent: r.concurrent))",
            "#SBATCH --ntasks=1",
            "#SBATCH --cpus-per-task=\(r.cpusPerTask)",
            "#SBATCH --mem=\(r.memory)",
            "#SBATCH --time=\(r.time)",
            "#SBATCH --output=\(dir)/logs/task-%4a.log",
            "#SBATCH --open-mode=append",
            "#SBATCH --signal=B:TERM@90",
        ]
        if let p = r.partition { lines.append("#SBATCH --partition=\(p)") }
        if let a = r.account { lines.append("#SBATCH --account=\(a)") }
        if let q = r.qos { lines.append("#SBATCH --qos=\(q)") }
        lines += r.extra.map { "#SBATCH \($0)" }
        lines += [
            "set -euo pipefail",
            "echo \"== skein sweep task ${SLURM_ARRAY_TASK_ID} (job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}) on $(hostname) at $(date -Is)\"",
            "export SKEIN_STOP_GRACE=\"${SKEIN_STOP_GRACE:-75}\"",
            "exec \"${SKEIN:-\(plan.skein)}\" sweep --plan \(quote(dir)) --shard \"$((SLURM_ARRAY_TASK_ID + 1))/\(plan.tasks)\" "
                + "--threads \"${SLURM_CPUS_PER_TASK:-\(r.cpusPerTask)}\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `0-3,7,9-11%C`: tasks as ranges, with the concurrency cap.
    public static func arraySpec(_ tasks: [Int], concurrent: Int?) -> String {
        var parts: [String] = []
        var i = 0
        let sorted = tasks.sorted()
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? String(sorted[i]) : "\(sorted[i])-\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",") + (concurrent.map { "%\($0)" } ?? "")
    }

    static func jobName(_ name: String) -> String {
        let safe = name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
        return "skein-" + String(safe.prefix(40))
    }

    /// Single-quoted for the shell.
    static func quote(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:=@".contains($0) } ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

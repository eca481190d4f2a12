import Cluster
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
            "# Submit: sbatch \(SlurmArray.quote(dir + "/" + SweepPlan.scriptFile))   (or skein sweep FILE --slurm DIR --submit)",
            "# Watch and retry: skein sweep status \(SlurmArray.quote(dir)) [--retry failed]; combine: skein merge OUT.sqlite \(SlurmArray.quote(dir))",
        ]
        lines += r.directives(jobName: plan.name, array: SlurmArray.spec(Array(0..<plan.tasks), concurrent: r.concurrent),
                              output: "\(dir)/logs/task-%4a.log")
        lines.append("#SBATCH --signal=B:TERM@90")
        lines += [
            "set -euo pipefail",
            "echo \"== skein sweep task ${SLURM_ARRAY_TASK_ID} (job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}) on $(hostname) at $(date -Is)\"",
            "export SKEIN_STOP_GRACE=\"${SKEIN_STOP_GRACE:-75}\"",
            "exec \"${SKEIN:-\(plan.skein)}\" sweep --plan \(SlurmArray.quote(dir)) --shard \"$((SLURM_ARRAY_TASK_ID + 1))/\(plan.tasks)\" "
                + "--threads \"${SLURM_CPUS_PER_TASK:-\(r.cpusPerTask)}\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}

import Foundation
import Testing
import TestSupport

/// The Slurm commands against stand-in `sbatch`, `squeue`, `sacct` and `scontrol` scripts on PATH:
/// what is submitted (arrays, retries, the calibration's finishing job after its array), and how
/// status reads the queue and accounting. The real cluster is scripts/slurm-test.sh's.
@Suite("skein on Slurm, with stand-in Slurm tools")
struct SlurmCommandTests {
    /// A folder with the fake tools: sbatch appends its arguments to sbatch.calls and prints the
    /// next job id (41, 42, …); squeue and sacct print the files squeue.out and sacct.out.
    static func fakeSlurm() throws -> URL {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("fake-slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tools = [
            "sbatch": """
                #!/bin/sh
                d="$(dirname "$0")"
                echo "$*" >> "$d/sbatch.calls"
                n=$(( $(wc -l < "$d/sbatch.calls") + 40 ))
                echo "$n"
                """,
            "squeue": "#!/bin/sh\ncat \"$(dirname \"$0\")/squeue.out\" 2>/dev/null\n",
            "sacct": "#!/bin/sh\ncat \"$(dirname \"$0\")/sacct.out\" 2>/dev/null\n",
            "scontrol": "#!/bin/sh\n[ \"$1\" = show ] && [ \"$2\" = config ] && echo 'MaxArraySize            = 5'\nexit 0\n",
            "scancel": "#!/bin/sh\necho \"$*\" >> \"$(dirname \"$0\")/scancel.calls\"\n",
        ]
        for (name, text) in tools {
            let url = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        return dir
    }

    static func environment(_ tools: URL) -> [String: String] {
        ["PATH": tools.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
    }

    static func lines(_ url: URL) -> [String] {
        ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    static let scenario = """
        name: fake-slurm
        network:
          generate: watts-strogatz
          parameters: {n: 100, k: 4, p: 0.1}
        model: {type: independent-cascade, p: 0.2}
        seeding: {strategy: random, count: 3}
        horizon: 10
        replicates: 4
        seed: 3
        sweep:
          grid:
            model.p: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
        """

    @Test("a sweep plan is submitted as one array; status reads squeue and sacct; --retry failed resubmits only the failed task")
    func sweepSubmitStatusRetry() throws {
        let tools = try Self.fakeSlurm()
        let env = Self.environment(tools)
        let file = tools.appendingPathComponent("sweep.yaml")
        try Data(Self.scenario.utf8).write(to: file)
        let plan = tools.appendingPathComponent("plan")
        // MaxArraySize 5 caps a one-point-per-task plan at 4 tasks.
        let planned = try CommandRunner.skein(["sweep", file.path, "--slurm", plan.path, "--submit", "--json"], environment: env)
        #expect(planned.status == 0, "\(planned.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any]
        #expect(object?["tasks"] as? Int == 4 && object?["job"] as? String == "41")
        #expect(Self.lines(tools.appendingPathComponent("sbatch.calls")) == ["--parsable \(plan.path)/sweep.sbatch"])
        let script = try String(contentsOf: plan.appendingPathComponent("sweep.sbatch"), encoding: .utf8)
        #expect(script.contains("#SBATCH --array=0-3%4") && script.contains("--shard \"$((SLURM_ARRAY_TASK_ID + 1))/4\""))

        // Task 0 ran by hand (done); Slurm says 1 runs, 2 hit its time limit (with a log), 3 is pending.
        #expect(try CommandRunner.skein(["sweep", "--plan", plan.path, "--shard", "1/4"], environment: env).status == 0)
        try Data("41_1|RUNNING\n41_3|PENDING\n".utf8).write(to: tools.appendingPathComponent("squeue.out"))
        try Data("41_2|TIMEOUT|0:15\n".utf8).write(to: tools.appendingPathComponent("sacct.out"))
        try Data("== skein sweep task 2\nslurmstepd: *** JOB 43 CANCELLED DUE TO TIME LIMIT ***\n".utf8)
            .write(to: plan.appendingPathComponent("logs/task-0002.log"))
        let status = try CommandRunner.skein(["sweep", "status", plan.path], environment: env)
        #expect(status.status == 1)
        #expect(status.stdout.contains("done: 1 — tasks 0") && status.stdout.contains("running: 1 — tasks 1")
                && status.stdout.contains("queued: 1 — tasks 3") && status.stdout.contains("failed: 1 — tasks 2"))
        #expect(status.stdout.contains("task 2: failed with 0 of 1 points kept; Slurm: TIMEOUT (exit 0:15), job 41"))
        #expect(status.stdout.contains("| slurmstepd: *** JOB 43 CANCELLED DUE TO TIME LIMIT ***"))

        let retry = try CommandRunner.skein(["sweep", "status", plan.path, "--retry", "failed", "--json"], environment: env)
        let retried = try JSONSerialization.jsonObject(with: Data(retry.stdout.utf8)) as? [String: Any]
        #expect(retried?["retried_tasks"] as? [Int] == [2] && retried?["retry_job"] as? String == "42")
        #expect(Self.lines(tools.appendingPathComponent("sbatch.calls")).last == "--parsable --array=2%4 \(plan.path)/sweep.sbatch")
        // A merge before every task is done is refused, naming the tasks.
        let merge = try CommandRunner.skein(["merge", tools.appendingPathComponent("m.sqlite").path, plan.path], environment: env)
        #expect(merge.status != 0 && merge.stderr.contains("3 of 4 tasks are not done"))
    }

    @Test("a calibration plan submits its array and a finishing job after it; a resubmission replaces the finishing job")
    func calibrationSubmit() throws {
        let tools = try Self.fakeSlurm()
        let env = Self.environment(tools)
        let e = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/calibration/medinnovations").path
        let plan = tools.appendingPathComponent("calplan")
        let arguments = ["calibrate", "\(e)/nodes.csv", "--id", "node_id", "--network", "\(e)/edges.csv", "--fit", "model.innovation=0:0.3",
                         "--fit", "model.imitation=0:1", "--abc-simulations", "400", "--accept", "0.05"]
        let planned = try CommandRunner.skein(arguments + ["--slurm", plan.path, "--tasks", "2", "--submit", "--json"], environment: env)
        #expect(planned.status == 0, "\(planned.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any]
        #expect(object?["job"] as? String == "41" && object?["finish_job"] as? String == "42")
        #expect(Self.lines(tools.appendingPathComponent("sbatch.calls")) == [
            "--parsable \(plan.path)/calibrate.sbatch", "--parsable --dependency=afterok:41 \(plan.path)/finish.sbatch",
        ])
        // Task 1 ran by hand; task 0 failed (its log is there, Slurm no longer knows it): resubmitted alone, the old finishing job cancelled.
        #expect(try CommandRunner.skein(["calibrate", plan.path, "--shard", "2/2", "--threads", "1"], environment: env).status == 0)
        try Data("== skein calibrate task 0\nkilled\n".utf8).write(to: plan.appendingPathComponent("logs/task-0000.log"))
        let status = try CommandRunner.skein(["calibrate", plan.path], environment: env)
        #expect(status.status == 1 && status.stdout.contains("done: 1 — tasks 1") && status.stdout.contains("failed: 1 — tasks 0"))
        let again = try CommandRunner.skein(["calibrate", plan.path, "--submit"], environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(Self.lines(tools.appendingPathComponent("sbatch.calls")).suffix(2) == [
            "--parsable --array=0%2 \(plan.path)/calibrate.sbatch", "--parsable --dependency=afterok:43 \(plan.path)/finish.sbatch",
        ])
        #expect(Self.lines(tools.appendingPathComponent("scancel.calls")) == ["42"])
        // Each kind of plan folder sends the other command to its own.
        let wrong = try CommandRunner.skein(["sweep", "status", plan.path], environment: env)
        #expect(wrong.status != 0 && wrong.stderr.contains("a calibration plan, not a sweep's: see skein calibrate"))
        // SMC is refused on the cluster, with the reason.
        let smc = try CommandRunner.skein(arguments + ["--method", "smc", "--slurm", tools.appendingPathComponent("smc").path], environment: env)
        #expect(smc.status != 0 && smc.stderr.contains("--slurm runs rejection ABC"))
    }
}

import ArgumentParser
import Calibration
import Cluster
import Foundation

/// `skein calibrate … --slurm DIR` and the plan folder's own commands: rejection ABC as a Slurm job
/// array whose tasks each run a block of draws, and a finishing job that ranks them all.
extension Calibrate {
    /// `path` when it is a calibration plan's folder.
    static func planFolder(_ path: String) -> URL? {
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
              FileManager.default.fileExists(atPath: url.appendingPathComponent(CalibrationPlan.planFile).path) else { return nil }
        return url
    }

    /// The options a plan's tasks must not inherit: the cluster's, and how many threads (each task's own).
    static let clusterOptions: Set<String> = ["--slurm", "--tasks", "--concurrent", "--time", "--mem", "--partition", "--account", "--qos",
                                              "--sbatch-option", "--threads", "--memory-limit"]
    static let clusterFlags: Set<String> = ["--submit", "--json"]

    /// This command's arguments after `calibrate`, without the cluster's options: what every task parses again.
    static func problemArguments() -> [String] {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if let i = arguments.firstIndex(of: "calibrate") { arguments.removeFirst(i + 1) }
        var kept: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            let name = String(a.split(separator: "=", maxSplits: 1).first ?? "")
            if clusterOptions.contains(name) {
                i += a.contains("=") ? 1 : 2
            } else if clusterFlags.contains(a) {
                i += 1
            } else {
                kept.append(a)
                i += 1
            }
        }
        return kept
    }

    /// `--slurm DIR [--submit]`: the plan, and perhaps its submission.
    func writePlan(_ directory: URL) throws {
        let plan: CalibrationPlan
        let written: Bool
        do {
            let simulator = try problem().simulator(individual: !curveOnly, seed: seed)
            let client = SlurmClient()
            let count = tasks ?? max(1, min((abcSimulations + 999) / 1000, (client.maxArraySize() ?? 1001) - 1))
            let cwd = FileManager.default.currentDirectoryPath
            let outPath = out.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
                ?? directory.standardizedFileURL.appendingPathComponent("calibration").path
            if out != nil && !force && FileManager.default.fileExists(atPath: outPath) {
                throw ValidationError("\(outPath) exists: the finishing job would replace it; give --force, or another --out")
            }
            plan = try CalibrationPlan(arguments: Self.problemArguments(), workingDirectory: cwd, simulator: simulator, simulations: abcSimulations,
                                       acceptance: accept, tasks: count, resources: cluster.resources(cpusPerTask: compute.threads ?? 1, tasks: count),
                                       skein: SlurmOptions.executable(), out: outPath)
            written = try plan.write(to: directory)
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        let submitted = submit ? try CalibrationPlan.submit(directory) : nil
        if json {
            var object: [String: Any] = ["plan": directory.path, "written": written, "simulations": plan.simulations, "tasks": plan.tasks,
                                         "plan_hash": plan.planHash, "out": plan.out]
            if let submitted { object["job"] = submitted.array as Any; object["finish_job"] = submitted.finish as Any; object["submitted_tasks"] = submitted.tasks }
            try OutputOptions.printJSON(object)
            return
        }
        print((written ? "plan written to" : "plan already in") + " \(directory.path): rejection ABC of the \(plan.model) model, "
              + "\(plan.simulations) simulations in \(plan.tasks) tasks; the calibration goes to \(plan.out)")
        if let submitted { describe(submitted, directory) } else {
            print("submit with: skein calibrate \(directory.path) --submit   (the array, then the finishing job after it)")
        }
    }

    func describe(_ s: CalibrationPlan.Submission, _ directory: URL) {
        if let array = s.array { print("submitted job \(array): \(s.tasks.count) task\(s.tasks.count == 1 ? "" : "s") (\(SlurmArray.spec(s.tasks, concurrent: nil)))") }
        if let finish = s.finish { print("submitted job \(finish): the finishing job, after them; watch with skein calibrate \(directory.path)") }
        if s.array == nil && s.finish == nil { print("nothing to submit: the calibration is written") }
    }

    /// A plan folder as DATA: `--shard t/N` runs a task, `--finish` combines them, `--submit`
    /// resubmits what is unfinished, and alone it says where the plan stands.
    func runPlan(_ directory: URL) throws {
        let plan = try CalibrationPlan.read(directory)
        if let shard { return try runTask(plan, directory, shard) }
        if finish { return try finishPlan(plan, directory) }
        if submit {
            let s = try CalibrationPlan.submit(directory)
            if json {
                try OutputOptions.printJSON(["plan": directory.path, "job": s.array as Any, "finish_job": s.finish as Any, "submitted_tasks": s.tasks])
            } else {
                describe(s, directory)
            }
            return
        }
        let status = try CalibrationStatus(directory: directory)
        if json {
            try OutputOptions.printJSON([
                "plan": directory.path, "tasks": plan.tasks, "simulations": plan.simulations, "finished": status.finished, "out": plan.out,
                "slurm": status.slurmConsulted,
                "counts": Dictionary(uniqueKeysWithValues: CalibrationStatus.State.allCases.map { ($0.rawValue, status.tasks($0).count) }),
                "task_states": status.tasks.map { t -> [String: Any] in
                    var o: [String: Any] = ["task": t.task, "state": t.state.rawValue]
                    if let j = t.job { o["job"] = j }
                    if let s = t.slurm { o["slurm_state"] = s.state }
                    if let p = t.problem { o["problem"] = p }
                    if !t.logTail.isEmpty { o["log_tail"] = t.logTail }
                    return o
                },
            ])
        } else {
            print("rejection ABC of the \(plan.model) model: \(plan.tasks) tasks, \(status.tasks(.done).count) done"
                  + (status.slurmConsulted ? "" : " (Slurm not reachable from here: from the files alone)"))
            for state in CalibrationStatus.State.allCases {
                let tasks = status.tasks(state)
                if !tasks.isEmpty { print("  \(state.rawValue): \(tasks.count) — tasks \(SlurmArray.spec(tasks.map(\.task), concurrent: nil))") }
            }
            for t in status.tasks(.failed) {
                print("  task \(t.task): failed" + (t.slurm.map { "; Slurm: \($0.state)" + ($0.exitCode.map { " (exit \($0))" } ?? "") } ?? "")
                      + (t.problem.map { "; \($0)" } ?? ""))
                for line in t.logTail { print("      | \(line)") }
            }
            if status.finished {
                print("the calibration is written: \(plan.out)")
            } else if !status.tasks(.failed).isEmpty || !status.tasks(.missing).isEmpty {
                print("resubmit the unfinished tasks (and the finishing job) with: skein calibrate \(directory.path) --submit")
            }
        }
        if !status.finished { throw ExitCode(1) }
    }

    /// The calibrate command the plan was written from, parsed again where it was given.
    func planned(_ plan: CalibrationPlan, _ directory: URL, extra: [String] = []) throws -> (Calibrate, ABCSimulator, Problem) {
        guard FileManager.default.changeCurrentDirectoryPath(plan.workingDirectory) else {
            throw ValidationError("the plan's working directory \(plan.workingDirectory) is not reachable from this machine")
        }
        let command = try Calibrate.parse(plan.arguments + extra)
        let problem = try command.problem()
        let simulator = try problem.simulator(individual: !command.curveOnly, seed: command.seed)
        guard simulator.fingerprint == plan.fingerprint else { throw CalibrationPlan.PlanError.inputsChanged(directory: directory.path) }
        return (command, simulator, problem)
    }

    /// One array task: its block of draws, simulated and written whole.
    func runTask(_ plan: CalibrationPlan, _ directory: URL, _ spec: String) throws {
        let parts = spec.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] == plan.tasks, (1...plan.tasks).contains(parts[0]) else {
            throw ValidationError("the plan in \(directory.path) has \(plan.tasks) tasks: --shard must be t/\(plan.tasks) with 1 ≤ t ≤ \(plan.tasks) (got \(spec))")
        }
        let task = parts[0] - 1
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let (_, simulator, _) = try planned(plan, directory)
            let range = plan.draws(ofTask: task)
            let thetas = Array(simulator.rejectionDraws(plan.simulations)[range])
            let runs = try simulator.run(thetas, offset: range.lowerBound)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            try CalibrationShard(plan: plan, task: task, runs: runs, seconds: seconds).write(to: CalibrationPlan.shardURL(directory, task))
            print("task \(task) (shard \(spec)): draws \(range.lowerBound)..<\(range.upperBound) simulated in " + String(format: "%.2f s", seconds)
                  + "; \(CalibrationPlan.shardURL(directory, task).path)")
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The finishing job: every task's runs, ranked together, into the calibration folder.
    func finishPlan(_ plan: CalibrationPlan, _ directory: URL) throws {
        let abc: ABCCalibration
        var command: Calibrate
        do {
            let missing = (0..<plan.tasks).filter { !FileManager.default.fileExists(atPath: CalibrationPlan.shardURL(directory, $0).path) }
            guard missing.isEmpty else { throw CalibrationPlan.PlanError.notDone(directory: directory.path, tasks: missing) }
            let (planned, simulator, problem) = try planned(plan, directory, extra: ["--out", plan.out])
            command = planned
            command.json = json
            var runs: [ABCSimulator.Simulated] = []
            runs.reserveCapacity(plan.simulations)
            var seconds = 0.0
            for t in 0..<plan.tasks {
                let shard = try CalibrationShard.read(directory, task: t, plan: plan)
                runs += shard.runs
                seconds += shard.seconds
            }
            abc = ABCCalibration(rejection: simulator, draws: simulator.rejectionDraws(plan.simulations), runs: runs,
                                 acceptance: plan.acceptance, seconds: seconds)
            try command.write(abc, problem, to: plan.out, force: true, arguments: ["calibrate"] + plan.arguments)
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        try command.show(abc)
    }
}

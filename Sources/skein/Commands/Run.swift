import ArgumentParser
import Foundation
import NumericCore
import Outputs
import Scenarios
import Reports
import Simulation
import Tables

/// `skein run`: one scenario, R replicates, tidy outputs and a manifest.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario: an ensemble of replicates, written as tidy CSV/JSON with a manifest.",
        discussion: """
            Writes timeseries.csv (per step: mean, SD and 95% band of counts by state, reach and commitment, \
            overall and by group), replicates.csv, summary.csv, summary.json, summary.md and manifest.json \
            (resolved scenario, seed, versions, BLAS, threads, timings, SHA-256 of every output) into --out. \
            Same seed, same bytes at any --threads (all outputs but the manifest). A file with a sweep: runs its base point. \
            With interventions (or compare: arms), also runs each arm on the same random numbers and writes comparison.csv \
            (paired differences to the base with 95% intervals) and arms/<arm>/; compare: none runs the base alone.
            """
    )

    @Argument(help: "The scenario file (YAML or JSON).") var file: String
    @Option(name: .long, help: "Output folder (default: runs/<scenario name>).") var out: String?
    @Option(name: .long, help: "Replicates (overrides the file).") var replicates: Int?
    @Option(name: .long, help: "Seed (overrides the file).") var seed: UInt64?
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a value, e.g. --set model.p=0.1 (repeatable).", valueName: "path=value"))
    var overrides: [String] = []
    @Flag(name: .long, help: "Overwrite a non-empty output folder.") var force = false
    @Flag(name: .long, help: "Also write report.html (see skein report).") var report = false
    @OptionGroup var compute: ComputeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let replicates, replicates < 1 { throw ValidationError("--replicates must be at least 1 (got \(replicates))") }
    }

    func run() throws {
        var sets = overrides
        if let replicates { sets.append("replicates=\(replicates)") }
        if let seed { sets.append("seed=\(seed)") }
        let scenario: Scenario
        let prepared: PreparedScenario
        let comparison: PreparedComparison
        do {
            scenario = try ScenarioLoader.load(file, overrides: sets)
            prepared = try scenario.prepare()
            comparison = try PreparedComparison(prepared)
            try comparison.checkTime(threads: compute.threads ?? Compute.defaultThreads)
        } catch let error as ScenarioError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(1)
        }
        let dir = URL(fileURLWithPath: out ?? "runs/\(scenario.folderName)")
        try AtomicFolder.check(dir, force: force)
        let threads = compute.threads ?? Compute.defaultThreads
        let label = comparison.arms.isEmpty ? scenario.name : "\(scenario.name) and \(comparison.arms.count) arm\(comparison.arms.count == 1 ? "" : "s")"
        let bar = ProgressBar(total: comparison.totalReplicates, label: label, quiet: output.json)
        let start = DispatchTime.now().uptimeNanoseconds
        let results = try compute.run { try comparison.run(progress: { bar.update($0) }) }
        bar.finish()
        let result = results[0]
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let summary = try comparison.write(results, to: dir, force: force, timings: .init(networkSeconds: prepared.networkSeconds, simulationSeconds: seconds),
                             threads: threads) { staging in
            if report { try AtomicFile.write(try RunReport.html(runDirectory: staging), to: staging.appendingPathComponent(RunFolder.File.report)) }
        }
        let stats = RunWriter.summaryStatistics(result)
        if output.json {
            var metrics: [String: Any] = [:]
            for s in stats {
                if let b = s.band { metrics[s.name] = ["mean": b.mean, "sd": b.sd, "low": b.low, "high": b.high] }
            }
            var object: [String: Any] = ["scenario": scenario.name, "out": dir.path, "replicates": result.replicates, "horizon": result.horizon,
                                         "seconds": seconds, "metrics": metrics, "arms": comparison.arms.map(\.arm.name)]
            if let answer = summary.answer { object["answer"] = answer }
            try OutputOptions.printJSON(object)
        } else {
            let reach = stats.first { $0.name == "reach_share" }?.band
            print("\(scenario.name): \(result.replicates) replicates × \(result.horizon) steps on \(prepared.graph.nodeCount) people in \(String(format: "%.2f", seconds)) s")
            if let reach {
                print(String(format: "  reach %.1f%% (95%% of runs %.1f%%–%.1f%%)", 100 * reach.mean, 100 * reach.low, 100 * reach.high))
            }
            if let q = scenario.question { print("\nQuestion: \(q)") }
            if let answer = summary.answer { print("Answer: \(answer)\n") }
            for w in summary.warnings { print("Warning: \(w)") }
            print("  outputs in \(dir.path)/ (summary.md for a readable account\(comparison.arms.isEmpty ? "" : ", comparison.csv for the arms"))")
        }
    }
}

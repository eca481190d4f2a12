import Foundation
import NumericCore
import Outputs
import Simulation
import Tables

/// A scenario with its comparison arms, each built and checked like the base (an arm that changes
/// the network gets its own): what `skein run` runs. Every arm keeps the base's seed, replicates
/// and horizon, so replicate r of each draws from the same streams and differences are paired.
public struct PreparedComparison: Sendable {
    public struct Arm: Sendable {
        public let arm: Comparison.Arm
        public let prepared: PreparedScenario
    }

    public let base: PreparedScenario
    public let arms: [Arm]

    /// Builds every arm; all their problems are reported together, each prefixed by its arm's name.
    public init(_ base: PreparedScenario) throws {
        self.base = base
        let built = try base.scenario.mapArms { arm, scenario in
            Arm(arm: arm, prepared: try scenario.prepare(network: scenario.network == base.scenario.network ? base.graph : nil))
        }
        arms = built
        let bytes = ([base] + built.map(\.prepared)).reduce(0.0) { $0 + $1.ensemble.resultBytes(on: $1.population) }
        do {
            try MemoryBudget.check(bytes, for: "the results of the base and \(built.count) arms")
        } catch let error as MemoryBudget.Exceeded {
            throw ScenarioError.invalid([Diagnostic(base.scenario.resolved["compare"]?.origin ?? base.scenario.resolved.origin,
                                                    error.description, hint: "run fewer replicates or arms (compare: none runs the base alone)")])
        }
    }

    /// The base's and every arm's simulation time on `threads`, each from its own pilot replicate.
    public func estimatedSeconds(threads: Int) throws -> Double {
        try ([base] + arms.map(\.prepared)).reduce(0.0) { $0 + (try $1.estimatedSeconds(threads: threads)) }
    }

    /// Refuses, before anything runs, a run estimated to take longer than `--time-limit` (none set: nothing is measured).
    public func checkTime(threads: Int) throws {
        guard TimeBudget.limit != nil else { return }
        let seconds = try estimatedSeconds(threads: threads)
        let s = base.scenario
        do {
            try TimeBudget.check(seconds, for: "the run (\(s.replicates) replicates × \(s.horizon + 1) steps" + (arms.isEmpty ? "" : " × \(arms.count + 1) arms")
                                 + " on \(threads) thread\(threads == 1 ? "" : "s"), measured from a pilot replicate)")
        } catch let error as TimeBudget.Exceeded {
            throw ScenarioError.invalid([Diagnostic(s.resolved["replicates"]?.origin ?? s.resolved.origin, error.description,
                                                    hint: "run fewer replicates or steps (--replicates), fewer arms (compare: none), or spread it over a cluster (skein sweep --slurm)")])
        }
    }

    /// Replicates over the base and every arm (for progress bars).
    public var totalReplicates: Int { base.scenario.replicates * (1 + arms.count) }

    /// Runs the base then each arm; `progress` is told the replicates finished over all of them.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> [EnsembleResult] {
        let each = base.scenario.replicates
        var results: [EnsembleResult] = []
        for (i, prepared) in ([base] + arms.map(\.prepared)).enumerated() {
            let offset = i * each
            var shifted: (@Sendable (Int) -> Void)?
            if let progress { shifted = { done in progress(offset + done) } }
            results.append(try prepared.run(progress: shifted))
        }
        return results
    }

    /// Writes the base's folder with `arms/<arm>/` (each a run folder of its own), `comparison.csv`,
    /// and the comparison and answer in `summary.json` and `summary.md`: complete or not at all.
    /// Returns the base's summary as written.
    @discardableResult
    public func write(_ results: [EnsembleResult], to dir: URL, force: Bool, timings: RunWriter.Timings, threads: Int,
                      extras: (URL) throws -> Void = { _ in }) throws -> RunSummary {
        precondition(results.count == arms.count + 1, "one result per arm and the base")
        let rows = comparisonRows(results)
        let summaryArms = arms.map { RunSummary.Arm(name: $0.arm.name, folder: $0.arm.folderName, changes: $0.arm.changes) }
        return try AtomicFolder.write(dir, force: force) { staging in
            let folder = staging.appendingPathComponent(RunFolder.File.arms)
            if !arms.isEmpty { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false) }
            var armManifests: [String: String] = [:]
            for (arm, result) in zip(arms, results.dropFirst()) {
                let armDir = folder.appendingPathComponent(arm.arm.folderName)
                try FileManager.default.createDirectory(at: armDir, withIntermediateDirectories: false)
                let manifest = try RunWriter.write(result, arm.prepared, to: armDir, timings: timings, threads: threads)
                armManifests["\(RunFolder.File.arms)/\(arm.arm.folderName)/\(RunFolder.File.manifest)"] = SHA256.hex(manifest)
            }
            let comparison = arms.isEmpty ? nil : RunWriter.ComparisonOutputs(rows: rows, arms: summaryArms, manifests: armManifests)
            let written = try RunWriter.writeFolder(results[0], base, to: staging, timings: timings, threads: threads, comparison: comparison)
            try extras(staging)
            return written.summary
        }
    }

    /// Every measure the base defines, headline measures first; for each arm its mean and interval
    /// and, but for the base, the paired difference to the base.
    func comparisonRows(_ results: [EnsembleResult]) -> [ComparisonRow] {
        let perArm = results.map { $0.summaries.map(RunWriter.metrics) }
        let headline = base.scenario.headlineMetrics
        let order = headline + RunMetric.allCases.filter { !headline.contains($0) }
        let names = [ComparisonRow.base] + arms.map(\.arm.name)
        var rows: [ComparisonRow] = []
        for metric in order {
            guard let column = RunMetric.allCases.firstIndex(of: metric) else { continue }
            let values = perArm.map { replicates in replicates.map { $0[column].1 } }
            guard values[0].contains(where: { $0 != nil }) else { continue }
            for (a, name) in names.enumerated() {
                let defined = values[a].compactMap { $0 }
                guard !defined.isEmpty else { continue }
                let ci = PairedComparison.meanInterval(defined)
                var row = ComparisonRow(arm: name, measure: metric.rawValue, mean: Descriptive.mean(defined), meanLow: ci.low,
                                        meanHigh: ci.high, replicates: defined.count)
                if a > 0, let paired = PairedComparison(arm: values[a], base: values[0]) {
                    row.difference = paired.difference
                    row.differenceLow = paired.paired.low
                    row.differenceHigh = paired.paired.high
                    row.unpairedLow = paired.unpaired.low
                    row.unpairedHigh = paired.unpaired.high
                    row.varianceReduction = paired.varianceReduction
                    row.pairs = paired.pairs
                }
                rows.append(row)
            }
        }
        return rows
    }
}

extension Comparison.Arm {
    /// What the arm changes, for people: "interventions[two-day sprint].ties_per_participant = 0".
    public var changes: [String] {
        var list: [String] = []
        if withoutAll { list.append("no interventions") }
        if !without.isEmpty { list.append("without " + without.joined(separator: ", ")) }
        for (path, value) in assignments { list.append("\(path) = \(value.jsonText)") }
        return list
    }
}

extension Scenario {
    /// The arms `skein run` runs beside the base, listed ones first, then the automatic arm
    /// without interventions (when the scenario has interventions and no arm already removes them all).
    public var arms: [Comparison.Arm] {
        let automatic = Comparison.Arm.withoutInterventions(resolved["compare"]?.origin ?? resolved.origin)
        switch comparison {
        case .none: return []
        case .automatic: return interventions.isEmpty ? [] : [automatic]
        case let .arms(listed, wantsAutomatic):
            let covered = listed.contains { $0.withoutAll || $0.name.lowercased() == Comparison.Arm.automaticName }
            return listed + (wantsAutomatic && !interventions.isEmpty && !covered ? [automatic] : [])
        }
    }

    /// `body` on every arm's scenario, in order; every arm's problems together, each prefixed by its name.
    public func mapArms<T>(_ body: (Comparison.Arm, Scenario) throws -> T) throws -> [T] {
        var out: [T] = [], d: [Diagnostic] = []
        for arm in arms {
            do {
                out.append(try body(arm, try scenario(for: arm)))
            } catch let ScenarioError.invalid(list) {
                d += list.map { Diagnostic($0.origin, "compare: \(arm.name): \($0.message)", hint: $0.hint) }
            }
        }
        guard d.isEmpty else { throw ScenarioError.invalid(d) }
        return out
    }

    /// The scenario of one arm: the document as run with the arm's changes, decoded and checked
    /// like any scenario. Refused when the arm changes the seed, replicates or horizon (the pairing
    /// needs them equal) or gives two arms one folder.
    public func scenario(for arm: Comparison.Arm) throws -> Scenario {
        let doc = try arm.apply(to: resolved.removing("compare").removing("sweep"))
        var scenario = try ScenarioLoader.decode(doc, file: file)
        scenario.comparison = .none
        scenario.drawNetwork = false
        var d: [Diagnostic] = []
        for (what, same) in [("seed", scenario.seed == seed), ("replicates", scenario.replicates == replicates),
                             ("horizon", scenario.horizon == horizon)] where !same {
            d.append(Diagnostic(arm.origin, "changes the \(what); every arm keeps the base's seed, replicates and horizon so that "
                + "replicate r of each is paired with replicate r of the base", hint: "change \(what) for the whole run (--set \(what)=…)"))
        }
        let clash = arms.filter { $0.folderName == arm.folderName }
        if clash.count > 1 { d.append(Diagnostic(arm.origin, "\"\(arm.name)\" and \"\(clash.first { $0.name != arm.name }?.name ?? arm.name)\" "
            + "make the same folder name arms/\(arm.folderName)", hint: "name the arms so they differ in letters or digits")) }
        guard d.isEmpty else { throw ScenarioError.invalid(d) }
        return scenario
    }

    /// The `RunMetric`s the model's runs are judged by, headline first.
    public var headlineMetrics: [RunMetric] {
        switch model.outcome {
        case .adoption where waning != nil: [.finalAdopted, .committedShare, .reachShare, .finalCommitment, .peakAdopted]
        case .adoption: [.reachShare, .timeTo50, .peakAdopted, .finalAdopted]
        case .commitment: [.finalCommitment, .committedShare, .commitmentRetained, .reachShare]
        case .opinion: [.finalCommitment, .spread, .reachShare]
        }
    }
}

import Foundation
import Graphs
import Outputs
import Provenance
import Simulation
import Tables

/// Networks up to this size are laid out and drawn in run reports (`outputs.network: auto`): above it
/// a node-link drawing is a hairball and the layout's cost grows with every run.
public enum NetworkDrawingLimit {
    public static let nodes = 5000
}

/// Writes a run's outputs into a folder: tidy `timeseries.csv` (ensemble mean, SD and 95% band per
/// step, overall and by group), `replicates.csv` (one row per replicate), `summary.csv` and
/// `summary.json` (ensemble statistics of the per-replicate summaries), `agents.csv` when asked
/// for, `network.csv` and `network-edges.csv` (positions and ties for the report's drawing), `summary.md` (for people), and last `manifest.json` (the resolved scenario, seed, versions,
/// BLAS and threads, timings, and the SHA-256 of every other output).
///
/// Every file is written atomically. Everything but the manifest depends only on the scenario and
/// seed, so it is byte-identical at any thread count.
public enum RunWriter {
    public struct Timings: Sendable, Codable {
        public var networkSeconds: Double
        public var simulationSeconds: Double
        public var writingSeconds: Double = 0
        public init(networkSeconds: Double, simulationSeconds: Double) {
            self.networkSeconds = networkSeconds
            self.simulationSeconds = simulationSeconds
        }
    }

    /// What a run with arms adds to the base's folder: comparison.csv's rows, the arms, and the
    /// SHA-256 of each arm's manifest (which checksums the arm's own files) for the base's manifest.
    public struct ComparisonOutputs: Sendable {
        public var rows: [ComparisonRow]
        public var arms: [RunSummary.Arm]
        public var manifests: [String: String]
    }

    /// What a reader should know before trusting the numbers: every replicate identical (the
    /// model, seeding and interventions drew nothing random), and per-group counts capped by a group's size.
    static func warnings(_ result: EnsembleResult, _ prepared: PreparedScenario) -> [String] {
        var list = prepared.warnings
        if result.replicates > 1 && result.identicalReplicates {
            list.append("All \(result.replicates) replicates came out identical: nothing in this run is random (a fixed threshold or "
                + "deterministic model, seeds chosen by rank, no random participants), so every interval has zero width and one "
                + "replicate says as much as \(result.replicates). Add randomness where the scenario is unsure (noise, a random threshold, "
                + "random seeding) or set replicates: 1.")
        }
        return list
    }

    /// Checks the output folder before any work: refused if it exists with files in it, unless `force`.
    public static func prepareDirectory(_ dir: URL, force: Bool) throws {
        try AtomicFolder.check(dir, force: force)
    }

    static func number(_ x: Double) -> String { NumberText.text(x) }
    static func number(_ x: Int?) -> String { NumberText.text(x) }
    static func number(_ x: Double?) -> String { NumberText.text(x) }

    /// The per-replicate metrics, in output order (`RunMetric`: replicates.csv, and sweep databases).
    public static func metrics(_ s: ReplicateSummary) -> [(RunMetric, Double?)] {
        RunMetric.allCases.map { m in
            switch m {
            case .finalReach: (m, Double(s.finalReach))
            case .reachShare: (m, s.reachShare)
            case .finalAdopted: (m, Double(s.finalAdopted))
            case .timeTo50: (m, s.timeTo50.map(Double.init))
            case .timeTo90: (m, s.timeTo90.map(Double.init))
            case .peakAdopted: (m, Double(s.peakAdopted))
            case .peakTime: (m, Double(s.peakTime))
            case .lapses: (m, Double(s.lapses))
            case .departures: (m, Double(s.departures))
            case .reachInequality: (m, s.reachInequality)
            case .crossBoundaryShare: (m, s.crossBoundaryShare)
            case .finalCommitment: (m, s.finalCommitment)
            case .committedShare: (m, s.committedShare)
            case .commitmentRetained: (m, s.commitmentRetained)
            case .spread: (m, s.commitmentSpread)
            }
        }
    }

    /// The adoption states paired with the measures that count them (the same names, in order).
    static let stateMeasures = Array(zip(AdoptionState.allCases, RunMeasure.states))

    static func band(_ b: EnsembleResult.Band) -> Band { Band(mean: b.mean, sd: b.sd, low: b.low, high: b.high) }

    /// Ensemble statistics of each metric over the replicates where it is defined, with the count.
    public static func summaryStatistics(_ result: EnsembleResult) -> [(name: String, band: EnsembleResult.Band?, count: Int)] {
        let rows = result.summaries.map(metrics)  // one row of metrics per replicate
        return RunMetric.allCases.enumerated().map { i, metric in
            let values = rows.compactMap { $0[i].1 }
            return (metric.rawValue, values.isEmpty ? nil : EnsembleResult.Band(values), values.count)
        }
    }

    static func timeseries(_ result: EnsembleResult) -> String {
        var table = Timeseries.Writer()
        let steps = result.steps, all = Timeseries.all
        for t in 0..<steps {
            for (state, measure) in stateMeasures {
                table.add(step: t, all, all, measure, band(result.band(step: t) { Double(result.count(state, replicate: $0, step: t)) }))
            }
            table.add(step: t, all, all, .reach, band(result.band(step: t) { Double(result.reach[$0 * steps + t]) }))
            table.add(step: t, all, all, .commitment, band(result.band(step: t) { result.meanCommitment[$0 * steps + t] }))
            for (g, attribute) in result.groupNames.enumerated() {
                for (level, name) in result.groupLevels[g].enumerated() {
                    for (state, measure) in stateMeasures {
                        table.add(step: t, attribute, name, measure,
                                  band(result.band(step: t) { Double(result.groupCount(g, level: level, state, replicate: $0, step: t)) }))
                    }
                }
            }
        }
        return table.text
    }

    /// Every replicate's own series (`outputs: {replicates: true}`), one row per replicate and step,
    /// as BehaviorSpace's table output gives it: for variance, trajectories and custom statistics.
    static func replicateTimeseries(_ result: EnsembleResult) -> String {
        var csv = CSVWriter(header: RunFolder.replicateTimeseriesColumns)
        let steps = result.steps
        for r in 0..<result.replicates {
            for t in 0..<steps {
                csv.row([String(r), String(t)] + AdoptionState.allCases.map { String(result.count($0, replicate: r, step: t)) }
                        + [String(result.reach[r * steps + t]), number(result.meanCommitment[r * steps + t])])
            }
        }
        return csv.text
    }

    static func replicatesTable(_ result: EnsembleResult) -> String {
        var csv = CSVWriter(header: RunFolder.replicateColumns)
        for (r, s) in result.summaries.enumerated() { csv.row([String(r)] + metrics(s).map { number($0.1) }) }
        return csv.text
    }

    static func summaryTable(_ stats: [(name: String, band: EnsembleResult.Band?, count: Int)]) -> String {
        var csv = CSVWriter(header: RunFolder.summaryColumns)
        for s in stats {
            csv.row([s.name, number(s.band?.mean), number(s.band?.sd), number(s.band?.low), number(s.band?.high), String(s.count)])
        }
        return csv.text
    }

    /// One row per person: adoption probability, mean adoption step and mean final commitment over the replicates, and the
    /// breakdown attributes; with `layout`, also the drawing's position (network.csv).
    static func agentsTable(_ result: EnsembleResult, _ prepared: PreparedScenario, layout: (x: [Double], y: [Double])? = nil) -> String {
        let (probability, time, commitment) = result.agentOutcomes()
        let graph = prepared.graph
        // Attributes of the network only: trained and committed change during a run, per replicate.
        let attributes = result.groupNames.filter { prepared.population.groups[$0] != nil }
        var csv = CSVWriter(header: (layout == nil ? RunFolder.agentColumns : RunFolder.networkColumns) + attributes)
        let groups = attributes.compactMap { prepared.population.groups[$0] }
        for v in 0..<graph.nodeCount {
            let levels = groups.map { $0.codes[v] >= 0 ? $0.levels[Int($0.codes[v])] : "" }
            let position = layout.map { [String(format: "%.5f", $0.x[v]), String(format: "%.5f", $0.y[v])] } ?? []
            csv.row([String(v), graph.nodes.label(v)] + position + [number(probability[v]), number(time[v]), number(commitment[v])] + levels)
        }
        return csv.text
    }

    /// The network with groups as nodes (the first categorical breakdown attribute, else Louvain
    /// communities) and ties between groups counted, laid out for the report: what a network too
    /// large to draw person by person looks like. At most 400 groups (beyond that none is written).
    static func groupNetwork(_ result: EnsembleResult, _ prepared: PreparedScenario) -> (nodes: String, ties: String)? {
        let graph = prepared.graph, n = graph.nodeCount
        // Organisations where the network has them, else the first attribute broken down by, else communities.
        let population = prepared.population
        let name = population.groups["organisation"] != nil ? "organisation"
            : result.groupNames.first { !Ensemble.isDerived($0, in: population) && population.groups[$0] != nil }
        let attributeIndex = name.flatMap { result.groupNames.firstIndex(of: $0) }
        var codes: [Int32], labels: [String], attribute: String
        if let name, let group = population.groups[name] {
            (codes, labels, attribute) = (group.codes, group.levels, name)
        } else {
            let partition = Louvain(seed: prepared.scenario.seed).communities(graph)
            (codes, labels, attribute) = (partition.community, (0..<partition.count).map { "community \($0 + 1)" }, "community")
        }
        let k = labels.count
        guard k >= 2 && k <= 400 else { return nil }
        var size = [Int](repeating: 0, count: k)
        for c in codes where c >= 0 { size[Int(c)] += 1 }
        var ties: [Int: Int] = [:]
        for u in 0..<n where codes[u] >= 0 {
            for v in graph.neighbours(of: u) where (Int(v) > u || graph.isDirected) && codes[Int(v)] >= 0 && codes[Int(v)] != codes[u] {
                let (a, b) = (Int(min(codes[u], codes[Int(v)])), Int(max(codes[u], codes[Int(v)])))
                ties[a * k + b, default: 0] += 1
            }
        }
        var builder = GraphBuilder()
        builder.addNodes(count: k)
        for (key, count) in ties.sorted(by: { $0.key < $1.key }) { builder.addEdge(key / k, key % k, weight: Double(count)) }
        guard let groupGraph = try? builder.build() else { return nil }
        let layout = ForceLayout(seed: prepared.scenario.seed).positions(groupGraph)
        // Practising at the horizon, by group: from the breakdown when the groups are an attribute's.
        var share = [Double](repeating: .nan, count: k)
        if let g = attributeIndex {
            for level in 0..<k where size[level] > 0 {
                share[level] = result.band(step: result.horizon) { Double(result.groupCount(g, level: level, .adopted, replicate: $0, step: result.horizon)) }.mean
                    / Double(size[level])
            }
        }
        var nodes = CSVWriter(header: RunFolder.groupNetworkColumns)
        for c in 0..<k {
            nodes.row([String(c), attribute, labels[c], String(size[c]), String(format: "%.5f", layout.x[c]), String(format: "%.5f", layout.y[c]),
                       number(share[c])])
        }
        var edges = CSVWriter(header: RunFolder.groupNetworkTieColumns)
        for (key, count) in ties.sorted(by: { $0.key < $1.key }) { edges.row([String(key / k), String(key % k), String(count)]) }
        return (nodes.text, edges.text)
    }

    /// The ties as node-index pairs (each once), for the drawing.
    static func edgesTable(_ graph: Graph) -> String {
        var csv = CSVWriter(header: RunFolder.edgeColumns)
        for u in 0..<graph.nodeCount {
            for v in graph.neighbours(of: u) where Int(v) > u || (graph.isDirected && Int(v) != u) { csv.row([String(u), String(v)]) }
        }
        return csv.text
    }

    /// The result for scripts and reports: what was run, the ensemble statistics, final counts by
    /// group, and intervention markers.
    static func summary(_ result: EnsembleResult, _ prepared: PreparedScenario,
                        _ stats: [(name: String, band: EnsembleResult.Band?, count: Int)],
                        comparison: ComparisonOutputs? = nil) -> RunSummary {
        let scenario = prepared.scenario
        var metrics: [String: Band?] = [:]
        for s in stats { metrics.updateValue(s.band.map(band), forKey: s.name) }  // null where undefined, not absent
        var byGroup: [String: [String: RunSummary.GroupOutcome]] = [:]
        let last = result.horizon
        for (g, attribute) in result.groupNames.enumerated() {
            var levels: [String: RunSummary.GroupOutcome] = [:]
            for (level, name) in result.groupLevels[g].enumerated() {
                // At the end, averaged over replicates: levels such as "trained" fill up during a run.
                let size = result.band(step: last) { r in
                    Double(AdoptionState.allCases.reduce(0) { $0 + result.groupCount(g, level: level, $1, replicate: r, step: last) })
                }.mean
                levels[name] = .init(size: size, adopted: band(result.band(step: last) { Double(result.groupCount(g, level: level, .adopted, replicate: $0, step: last)) }))
            }
            byGroup[attribute] = levels
        }
        var summary = RunSummary(scenario: scenario.name, model: scenario.model.name, commitmentTracked: scenario.tracksCommitment,
                                 nodes: prepared.graph.nodeCount, edges: prepared.graph.edgeCount, replicates: result.replicates,
                                 horizon: result.horizon, seed: scenario.seed, metrics: metrics, finalByGroup: byGroup,
                                 interventions: result.interventions.map { .init(kind: $0.kind, label: $0.label, time: $0.time) })
        summary.question = scenario.question
        summary.assumptions = scenario.assumptions
        summary.stepUnit = scenario.stepUnit
        summary.outcome = scenario.model.outcome.rawValue
        summary.measures = scenario.headlineMetrics.map(\.rawValue)
        summary.warnings = warnings(result, prepared)
        if let comparison {
            summary.arms = comparison.arms
            summary.comparison = comparison.rows
            summary.answer = AnswerText.paragraph(summary)
        }
        return summary
    }

    /// A short human-readable account of the result.
    static func summaryMarkdown(_ result: EnsembleResult, _ prepared: PreparedScenario,
                                _ stats: [(name: String, band: EnsembleResult.Band?, count: Int)], _ summary: RunSummary) -> String {
        let s = prepared.scenario
        func pct(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
        func stat(_ name: String) -> (band: EnsembleResult.Band?, count: Int) {
            let found = stats.first { $0.name == name }
            return (found?.band, found?.count ?? 0)
        }
        // Names, descriptions and labels come from the scenario file: text, never markup.
        var md = "# \(MarkdownText.escape(s.name))\n\n"
        if let q = s.question { md += "**Question:** \(MarkdownText.escape(q.trimmingCharacters(in: .whitespacesAndNewlines)))\n\n" }
        if let answer = summary.answer { md += "**Answer:** \(MarkdownText.escape(answer))\n\n" }
        for w in summary.warnings { md += "> **Warning:** \(MarkdownText.escape(w))\n\n" }
        if !summary.arms.isEmpty { md += comparisonMarkdown(summary) }
        if let d = s.description { md += MarkdownText.escape(d.trimmingCharacters(in: .whitespacesAndNewlines)) + "\n\n" }
        if !s.assumptions.isEmpty {
            md += "Assumptions:\n\n" + s.assumptions.map { "- " + MarkdownText.escape($0.trimmingCharacters(in: .whitespacesAndNewlines)) + "\n" }.joined() + "\n"
        }
        md += "Model **\(s.model.name)** on a network of \(prepared.graph.nodeCount) people and \(prepared.graph.edgeCount) ties; "
        md += "\(result.replicates) replicates over \(result.horizon) \(MarkdownText.escape(s.stepUnit))s, seed \(s.seed).\n\n"
        if let reach = stat("reach_share").band {
            md += "- **Reach:** on average \(pct(reach.mean)) of people adopted at some point (95% of runs between \(pct(reach.low)) and \(pct(reach.high))).\n"
        }
        let half = stat("time_to_50")
        if let b = half.band {
            md += "- **Half reached** in \(half.count) of \(result.replicates) runs, after \(String(format: "%.1f", b.mean)) \(MarkdownText.escape(s.stepUnit))s on average.\n"
        } else {
            md += "- **Half reached** in none of the runs.\n"
        }
        if let peak = stat("peak_adopted").band {
            md += "- **Peak** of \(String(format: "%.0f", peak.mean)) people practising at once"
            if let t = stat("peak_time").band { md += ", around \(MarkdownText.escape(s.stepUnit)) \(String(format: "%.0f", t.mean))" }
            md += ".\n"
        }
        if let final = stat("final_adopted").band { md += "- **Still practising** at the end: \(String(format: "%.0f", final.mean)) people.\n" }
        if let lapses = stat("lapses").band, lapses.mean > 0 { md += "- **Lapses:** \(String(format: "%.1f", lapses.mean)) per run.\n" }
        if s.tracksCommitment {
            let last = result.horizon
            let c = result.band(step: last) { result.meanCommitment[$0 * result.steps + last] }
            md += "- **Mean commitment** at the end: \(String(format: "%.3f", c.mean)) (95% of runs between \(String(format: "%.3f", c.low)) and \(String(format: "%.3f", c.high)))"
            if let w = s.waning {
                md += "; commitment wanes \(pct(w.decay)) a step and practitioners drop out below \(String(format: "%.2f", w.dropout))"
            }
            md += ".\n"
        }
        if let gini = stat("reach_inequality").band {
            md += "- **Inequality of reach** across organisations (Gini): \(String(format: "%.2f", gini.mean)) (0 = every organisation reached equally).\n"
        }
        if let cross = stat("cross_boundary_share").band {
            md += "- **Crossing boundaries:** \(pct(cross.mean)) of adoptions passed from someone in another organisation.\n"
        }
        if !result.interventions.isEmpty {
            md += "\n## Interventions\n\n"
            for x in result.interventions { md += "- step \(x.time): \(MarkdownText.escape(x.label)) (\(x.kind))\n" }
        }
        md += "\nFiles: `timeseries.csv` (per step, mean, SD and 95% band), `replicates.csv`, `summary.csv`, `summary.json`, `manifest.json`"
        md += summary.arms.isEmpty ? ".\n" : "; `comparison.csv` (every arm's measures and paired differences) and `arms/` (each arm's own run folder).\n"
        return md
    }

    /// The arms side by side on the headline measures: mean with its 95% interval, and the paired difference to the base.
    static func comparisonMarkdown(_ summary: RunSummary) -> String {
        let unit = summary.stepUnit
        let arms = [ComparisonRow.base] + summary.arms.map(\.name)
        var md = "| measure | " + arms.map { MarkdownText.escape($0 == ComparisonRow.base ? "as written" : $0) }.joined(separator: " | ") + " |\n"
        md += "| --- |" + String(repeating: " --- |", count: arms.count) + "\n"
        for metric in summary.measures {
            let text = MeasureText(metric, outcome: summary.outcome)
            let cells = arms.map { arm -> String in
                guard let row = summary.comparison.first(where: { $0.arm == arm && $0.measure == metric }) else { return "—" }
                let cell = text.cell(row, unit: unit)
                return cell.value + (cell.detail.map { "; " + $0 } ?? "")
            }
            md += "| \(text.label) | " + cells.joined(separator: " | ") + " |\n"
        }
        md += "\nAs written: mean; 95% interval of the mean. Arms: mean; paired difference to the scenario as written (its 95% interval).\n\n"
        for arm in summary.arms where !arm.changes.isEmpty {
            md += "- *\(MarkdownText.escape(arm.name))*: \(arm.changes.map { MarkdownText.escape($0) }.joined(separator: "; "))\n"
        }
        return md + "\n"
    }

    /// SHA-256 of the result as its two tidy tables (`timeseries.csv` then `replicates.csv`, the bytes
    /// `write` puts in those files): what a benchmark compares across machines.
    public static func resultChecksum(_ result: EnsembleResult) -> String {
        var h = SHA256()
        h.update(Data(timeseries(result).utf8))
        h.update(Data(replicatesTable(result).utf8))
        return h.finalizeHex()
    }

    /// Writes every output and returns the manifest's JSON text.
    @discardableResult
    public static func write(_ result: EnsembleResult, _ prepared: PreparedScenario, to dir: URL, timings: Timings, threads: Int,
                             comparison: ComparisonOutputs? = nil) throws -> Data {
        try writeFolder(result, prepared, to: dir, timings: timings, threads: threads, comparison: comparison).manifest
    }

    /// `write`, also returning the summary it wrote (what `skein run` prints: the answer, the warnings).
    static func writeFolder(_ result: EnsembleResult, _ prepared: PreparedScenario, to dir: URL, timings: Timings, threads: Int,
                            comparison: ComparisonOutputs?) throws -> (manifest: Data, summary: RunSummary) {
        let start = DispatchTime.now().uptimeNanoseconds
        let stats = summaryStatistics(result)
        let summary = summary(result, prepared, stats, comparison: comparison)
        var files: [(String, Data)] = [
            (RunFolder.File.timeseries, Data(timeseries(result).utf8)),
            (RunFolder.File.replicates, Data(replicatesTable(result).utf8)),
            (RunFolder.File.summaryTable, Data(summaryTable(stats).utf8)),
            (RunFolder.File.summary, try RunFolder.encoder.encode(summary)),
            (RunFolder.File.account, Data(summaryMarkdown(result, prepared, stats, summary).utf8)),
        ]
        if let comparison { files.append((RunFolder.File.comparison, Data(ComparisonRow.table(comparison.rows).utf8))) }
        if prepared.scenario.recordAgents { files.append((RunFolder.File.agents, Data(agentsTable(result, prepared).utf8))) }
        if prepared.scenario.recordReplicates {
            files.append((RunFolder.File.replicateTimeseries, Data(replicateTimeseries(result).utf8)))
        }
        if prepared.drawsGroups, let groups = groupNetwork(result, prepared) {
            files.append((RunFolder.File.groupNetwork, Data(groups.nodes.utf8)))
            files.append((RunFolder.File.groupNetworkTies, Data(groups.ties.utf8)))
        }
        if prepared.drawsNetwork {
            let layout = ForceLayout(seed: prepared.scenario.seed).positions(prepared.graph)
            files.append((RunFolder.File.network, Data(agentsTable(result, prepared, layout: layout).utf8)))
            files.append((RunFolder.File.networkEdges, Data(edgesTable(prepared.graph).utf8)))
        }
        var checksums = comparison?.manifests ?? [:]
        for (name, data) in files {
            try AtomicFile.write(data, to: dir.appendingPathComponent(name))
            checksums[name] = SHA256.hex(data)
        }
        var t = timings
        t.writingSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let provenance = ProvenanceRecord.current()
        // The resolved scenario once as canonical JSON: hashed, and carried in the manifest as it reads.
        let scenarioJSON = try JSONSerialization.data(withJSONObject: prepared.scenario.resolved.jsonObject, options: [.sortedKeys])
        var manifest = RunManifest(
            scenarioFile: prepared.scenario.file, scenario: try JSONDecoder().decode(JSONValue.self, from: scenarioJSON),
            scenarioSHA256: SHA256.hex(scenarioJSON),
            seed: prepared.scenario.seed, replicates: result.replicates, threads: threads, kernel: result.kernel,
            skein: .init(version: provenance.skein.version, commit: provenance.skein.commit, dirty: provenance.skein.dirty),
            blas: .init(library: provenance.blas.library, version: provenance.blas.version, threads: provenance.blas.threads),
            compiler: provenance.compiler,
            timingsSeconds: .init(network: t.networkSeconds, simulation: t.simulationSeconds, writing: t.writingSeconds),
            outputs: checksums, created: ISO8601DateFormatter().string(from: Date()))
        manifest.overrides = prepared.scenario.overrides
        let data = try RunFolder.encoder.encode(manifest)
        try AtomicFile.write(data, to: dir.appendingPathComponent(RunFolder.File.manifest))
        return (data, summary)
    }
}

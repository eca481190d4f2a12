import ArgumentParser
import Bench
import Foundation
import Scenarios
import Tables

/// `skein bench`: a benchmark suite with provenance and checksums, optionally against a baseline.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark suite: min/median/max time, throughput, peak memory and a result checksum per workload.",
        discussion: """
            SUITE.yaml lists workloads (scenarios, network metrics, opinion dynamics, text and vote analyses; see \
            Benchmarks/suites/README.md). Each is prepared once, run --warmup times untimed and --repeat times timed. \
            The checksum is a SHA-256 of the result: the same on any thread count and, for the same OpenBLAS kernels, \
            on any machine. Exit status 1 when a workload fails, its checksum differs from the suite's, or (with \
            --compare) its checksum changed or it regressed: its median more than max(--threshold, 2 × the runs' spread) \
            slower with its fastest run slower than the baseline's slowest (30% when either side has under 3 repeats), \
            still so after 5 more runs. Differences in threads, CPU or build are warned about. Workloads whose input is \
            absent (data under ../shared) are skipped with the reason.
            """
    )

    @Argument(help: "The suite file (YAML or JSON).") var suite: String
    @Option(name: .long, help: "Write the full result (provenance, every time, checksums) as JSON here.") var out: String?
    @Option(name: .long, help: "A previous result (--out) to compare with.") var compare: String?
    @Option(name: .customLong("repeat"), help: "Timed runs per workload (overrides the suite).") var repeats: Int?
    @Option(name: .customLong("warmup"), help: "Untimed runs first (overrides the suite).") var warmups: Int?
    @Option(name: .long, help: "The least median-time growth over the baseline that can count as a regression (the runs' spread may ask for more).") var threshold = 0.10
    @Option(name: .long, help: "Only workloads whose name contains this, or of this size (repeatable).") var only: [String] = []
    @Flag(name: .customLong("record-checksums"), help: "Write each workload's checksum into the suite file (a new workload, or after a deliberate change).")
    var recordChecksums = false
    @OptionGroup var compute: ComputeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let repeats, repeats < 1 { throw ValidationError("--repeat must be at least 1 (got \(repeats))") }
        if let warmups, warmups < 0 { throw ValidationError("--warmup must be 0 or more (got \(warmups))") }
        guard threshold >= 0 else { throw ValidationError("--threshold must be 0 or more (got \(threshold))") }
    }

    func run() throws {
        let suite: BenchSuite
        let baseline: BenchReport?
        do {
            suite = try BenchSuite.load(self.suite)
            baseline = try compare.map { try BenchReport.read(URL(fileURLWithPath: $0)) }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        var runner = BenchRunner(repeats: repeats, warmups: warmups)
        runner.only = only
        let quiet = output.json
        if !quiet { print("suite \(suite.name): \(runner.selected(suite).count) workloads") }
        let report = compute.run {
            runner.run(suite) { entry, result in
                guard !quiet else { return }
                if let result { print(Self.line(result)) } else if isatty(STDOUT_FILENO) == 1 {
                    FileHandle.standardError.write(Data("  running \(entry.name)…\r".utf8))
                }
            }
        }
        if let out { try AtomicFile.write(try report.encoded(), to: URL(fileURLWithPath: out)) }
        if recordChecksums {
            let text = try String(contentsOfFile: self.suite, encoding: .utf8)
            let sums = Dictionary(report.workloads.compactMap { r in r.checksum.map { (r.name, $0) } }, uniquingKeysWith: { a, _ in a })
            try AtomicFile.write(Data(suite.recordingChecksums(sums, in: text).utf8), to: URL(fileURLWithPath: self.suite))
        }
        var comparison = baseline.map { BenchComparison(report, baseline: $0, threshold: threshold) }
        // A suspected regression is measured again before it is reported: a busy minute is not a regression.
        if var c = comparison, let baseline {
            for row in c.regressions {
                guard let before = baseline.workloads.first(where: { $0.name == row.name }),
                      let first = report.workloads.first(where: { $0.name == row.name }) else { continue }
                if !quiet { print("  re-measuring \(row.name) (\(String(format: "%.2f×", row.ratio ?? 0)) the baseline)…") }
                guard var again = compute.run({ runner.remeasure(row.name, in: suite, repeats: Self.remeasureRuns) }) else { continue }
                again.seconds = first.seconds + again.seconds
                let sorted = again.seconds.sorted()
                again.medianSeconds = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
                again.minSeconds = sorted.first
                again.maxSeconds = sorted.last
                c.remeasure(row.name, now: again, baseline: before)
            }
            comparison = c
        }
        let mismatches = recordChecksums ? [] : report.checksumMismatches
        if quiet {
            var object = try JSONSerialization.jsonObject(with: try report.encoded()) as! [String: Any]
            if let comparison {
                object["comparison"] = comparison.rows.map { r -> [String: Any] in
                    var o: [String: Any] = ["name": r.name, "regressed": r.regressed, "checksum_changed": r.checksumChanged]
                    if let ratio = r.ratio { o["ratio"] = ratio }
                    if let noise = r.noise { o["noise"] = noise }
                    if let margin = r.margin { o["margin"] = margin }
                    if let note = r.note { o["note"] = note }
                    return o
                }
                object["comparison_warnings"] = comparison.warnings
            }
            try OutputOptions.printJSON(object)
        } else {
            for m in mismatches {
                print("checksum mismatch: \(m.name): expected \(m.expectedChecksum ?? "") got \(m.checksum ?? "")")
            }
            if let comparison { print(Self.text(comparison)) }
            if recordChecksums { print("checksums written into \(self.suite)") }
            if let out { print("result in \(out)") }
        }
        if !report.failures.isEmpty || !mismatches.isEmpty || comparison?.passed == false { throw ExitCode(1) }
    }

    static func line(_ r: BenchReport.WorkloadResult) -> String {
        let name = r.name.padding(toLength: max(28, r.name.count), withPad: " ", startingAt: 0)
        switch r.status {
        case .skipped: return "  \(name) skipped: \(r.message ?? "")"
        case .failed: return "  \(name) FAILED: \(r.message ?? "")"
        case .ok:
            let t = String(format: "median %@ (min %@, max %@)", time(r.medianSeconds), time(r.minSeconds), time(r.maxSeconds))
            let rate = r.throughput.map { " \(Self.rate($0)) \(r.unit ?? "")/s" } ?? ""
            let memory = r.peakMemoryBytes.map { String(format: "  peak %.0f MB", Double($0) / 1e6) } ?? ""
            let check = r.checksumMatches.map { $0 ? "  checksum ok" : "  CHECKSUM DIFFERS" } ?? "  checksum \(r.checksum?.prefix(12) ?? "")…"
            return "  \(name) \(t)\(rate)\(memory)\(check)"
        }
    }

    static func time(_ s: Double?) -> String {
        guard let s else { return "–" }
        return s < 1e-3 ? String(format: "%.0f µs", s * 1e6) : s < 1 ? String(format: "%.1f ms", s * 1e3) : String(format: "%.2f s", s)
    }

    static func rate(_ x: Double) -> String {
        x >= 1e9 ? String(format: "%.2fG", x / 1e9) : x >= 1e6 ? String(format: "%.2fM", x / 1e6) : x >= 1e3 ? String(format: "%.1fk", x / 1e3) : String(format: "%.1f", x)
    }

    /// Extra timed runs of a workload suspected of a regression.
    static let remeasureRuns = 5

    static func text(_ c: BenchComparison) -> String {
        var lines = ["against the baseline (regression: median more than max(\(Int((100 * c.threshold).rounded()))%, 2 × the runs' spread) longer, "
                     + "and the fastest run slower than the baseline's slowest; suspects re-measured \(remeasureRuns) times):"]
        for w in c.warnings { lines.append("  warning: \(w): times may not be comparable") }
        for r in c.rows {
            let ratio = r.ratio.map { String(format: "%.2f×", $0) } ?? "–"
            let flag = r.regressed ? "  REGRESSION" : ""
            let sum = r.checksumChanged ? "  CHECKSUM CHANGED" : ""
            lines.append("  \(r.name.padding(toLength: max(28, r.name.count), withPad: " ", startingAt: 0)) \(time(r.baselineSeconds)) → \(time(r.seconds)) \(ratio)\(flag)\(sum)\(r.note.map { "  (\($0))" } ?? "")")
        }
        lines.append(c.passed ? "no regressions" : "\(c.regressions.count) regression(s), \(c.checksumChanges.count) checksum change(s)")
        return lines.joined(separator: "\n")
    }
}

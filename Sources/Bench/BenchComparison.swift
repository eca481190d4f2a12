import Foundation
import Provenance

/// A result beside a baseline (another machine, an earlier commit): time regressions beyond the
/// measured noise and any checksum difference, the two things CI should stop on.
///
/// The rule: a workload regresses when its median time is more than max(threshold, 2 × noise)
/// above the baseline's **and** its fastest run is slower than the baseline's slowest, where noise
/// is the larger of the two runs' relative spreads, (max − min) / median — or `noiseFloor` (30%, the
/// minute-to-minute swing measured on shared machines) when either side has fewer than three
/// repeats, since one or two runs say nothing of the spread. `skein bench --compare` re-measures a
/// suspected regression before it reports one.
public struct BenchComparison: Sendable {
    public struct Row: Sendable {
        public var name: String
        public var baselineSeconds: Double?
        public var seconds: Double?
        /// Median time now over the baseline's (above 1: slower).
        public var ratio: Double?
        /// The relative spread the rule allowed for.
        public var noise: Double?
        /// The slowdown beyond which the rule calls a regression (0.3: 30%).
        public var margin: Double?
        public var regressed: Bool
        public var checksumChanged: Bool
        public var note: String?
    }

    public var rows: [Row]
    public var threshold: Double
    /// Differences between the two runs' set-ups that make times incomparable (threads, CPU, build).
    public var warnings: [String]

    public static let noiseFloor = 0.30

    /// `threshold` 0.10: a workload must be at least 10% slower, and beyond its noise, to regress.
    public init(_ current: BenchReport, baseline: BenchReport, threshold: Double = 0.10) {
        self.threshold = threshold
        let old = Dictionary(baseline.workloads.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        rows = current.workloads.map { now in
            guard let before = old[now.name] else {
                return Row(name: now.name, regressed: false, checksumChanged: false, note: "not in the baseline")
            }
            return Self.row(now, before, threshold: threshold)
        }
        warnings = Self.differences(baseline.provenance, current.provenance)
        if baseline.provenance.blas.coreName != current.provenance.blas.coreName {
            for i in rows.indices where rows[i].checksumChanged {
                rows[i].note = (rows[i].note ?? "") + " (OpenBLAS kernels differ: \(baseline.provenance.blas.coreName) vs \(current.provenance.blas.coreName))"
            }
        }
    }

    /// One workload's comparison under the rule.
    public static func row(_ now: BenchReport.WorkloadResult, _ before: BenchReport.WorkloadResult, threshold: Double) -> Row {
        guard now.status == .ok, before.status == .ok, let t = now.medianSeconds, let t0 = before.medianSeconds else {
            return Row(name: now.name, baselineSeconds: before.medianSeconds, seconds: now.medianSeconds, regressed: false,
                       checksumChanged: false, note: "not compared: \(now.status.rawValue) now, \(before.status.rawValue) in the baseline")
        }
        let ratio = t / max(t0, 1e-12)
        let noise = max(spread(now.seconds), spread(before.seconds))
        let margin = max(threshold, 2 * noise)
        let fastest = now.seconds.min() ?? t, slowest = before.seconds.max() ?? t0
        let regressed = ratio > 1 + margin && fastest > slowest
        let changed = now.checksum != before.checksum
        var notes: [String] = []
        if changed { notes.append("checksum \(before.checksum?.prefix(12) ?? "none")… → \(now.checksum?.prefix(12) ?? "none")…") }
        if !regressed && ratio > 1 + threshold {
            notes.append(String(format: "%.0f%% slower, within the noise (rule: > %.0f%% and no overlap)", 100 * (ratio - 1), 100 * margin))
        }
        return Row(name: now.name, baselineSeconds: t0, seconds: t, ratio: ratio, noise: noise, margin: margin, regressed: regressed,
                   checksumChanged: changed, note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    /// (max − min) / median of the timed runs; the floor when there are fewer than three.
    static func spread(_ seconds: [Double]) -> Double {
        guard seconds.count >= 3 else { return noiseFloor }
        let s = seconds.sorted()
        let median = s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        return median > 0 ? (s.last! - s.first!) / median : 0
    }

    /// What differs between the two runs' set-ups, in words.
    static func differences(_ a: ProvenanceRecord, _ b: ProvenanceRecord) -> [String] {
        var out: [String] = []
        if a.computeThreads != b.computeThreads { out.append("the baseline ran on \(a.computeThreads) threads, this run on \(b.computeThreads)") }
        if a.blas.threads != b.blas.threads { out.append("BLAS threads differ: \(a.blas.threads) in the baseline, \(b.blas.threads) now") }
        if a.machine.cpuModel != b.machine.cpuModel { out.append("another CPU: \(a.machine.cpuModel) in the baseline, \(b.machine.cpuModel) now") }
        if a.machine.logicalCores != b.machine.logicalCores { out.append("\(a.machine.logicalCores) cores in the baseline, \(b.machine.logicalCores) now") }
        if a.compiler != b.compiler { out.append("another compiler: \(a.compiler) in the baseline, \(b.compiler) now") }
        if a.skein.dirty || b.skein.dirty { out.append("a build from uncommitted changes (\(a.skein.dirty ? "the baseline" : "this run"))") }
        return out
    }

    /// The row for `name` again with more timed runs of the current binary (re-measurement).
    public mutating func remeasure(_ name: String, now: BenchReport.WorkloadResult, baseline: BenchReport.WorkloadResult) {
        guard let i = rows.firstIndex(where: { $0.name == name }) else { return }
        var row = Self.row(now, baseline, threshold: threshold)
        row.note = [row.note, "re-measured: \(now.seconds.count) runs"].compactMap { $0 }.joined(separator: "; ")
        rows[i] = row
    }

    public var regressions: [Row] { rows.filter(\.regressed) }
    public var checksumChanges: [Row] { rows.filter(\.checksumChanged) }
    public var passed: Bool { regressions.isEmpty && checksumChanges.isEmpty }
}

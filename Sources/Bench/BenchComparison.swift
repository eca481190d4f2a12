import Foundation

/// A result beside a baseline (another machine, an earlier commit): time regressions beyond a
/// threshold and any checksum difference, the two things CI should stop on.
public struct BenchComparison: Sendable {
    public struct Row: Sendable {
        public var name: String
        public var baselineSeconds: Double?
        public var seconds: Double?
        /// Median time now over the baseline's (above 1: slower).
        public var ratio: Double?
        public var regressed: Bool
        public var checksumChanged: Bool
        public var note: String?
    }

    public var rows: [Row]
    public var threshold: Double

    /// `threshold` 0.10 flags a workload whose median time grew by more than 10%.
    public init(_ current: BenchReport, baseline: BenchReport, threshold: Double = 0.10) {
        self.threshold = threshold
        let old = Dictionary(baseline.workloads.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        rows = current.workloads.map { now in
            guard let before = old[now.name] else {
                return Row(name: now.name, regressed: false, checksumChanged: false, note: "not in the baseline")
            }
            guard now.status == .ok, before.status == .ok, let t = now.medianSeconds, let t0 = before.medianSeconds else {
                return Row(name: now.name, baselineSeconds: before.medianSeconds, seconds: now.medianSeconds, regressed: false,
                           checksumChanged: false, note: "not compared: \(now.status.rawValue) now, \(before.status.rawValue) in the baseline")
            }
            let ratio = t / max(t0, 1e-12)
            let changed = now.checksum != before.checksum
            return Row(name: now.name, baselineSeconds: t0, seconds: t, ratio: ratio, regressed: ratio > 1 + threshold,
                       checksumChanged: changed, note: changed ? "checksum \(before.checksum?.prefix(12) ?? "none")… → \(now.checksum?.prefix(12) ?? "none")…" : nil)
        }
        if baseline.provenance.blas.coreName != current.provenance.blas.coreName {
            for i in rows.indices where rows[i].checksumChanged {
                rows[i].note = (rows[i].note ?? "") + " (OpenBLAS kernels differ: \(baseline.provenance.blas.coreName) vs \(current.provenance.blas.coreName))"
            }
        }
    }

    public var regressions: [Row] { rows.filter(\.regressed) }
    public var checksumChanges: [Row] { rows.filter(\.checksumChanged) }
    public var passed: Bool { regressions.isEmpty && checksumChanges.isEmpty }
}

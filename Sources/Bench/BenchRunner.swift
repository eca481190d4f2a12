import Foundation
import Provenance

/// Runs a suite: per workload, prepare once, `warmups` untimed executions, then `repeats` timed
/// ones; checks that every execution gives the same checksum; records the times, the work done
/// and the peak resident set. A workload that throws is recorded as failed and the suite goes on.
public struct BenchRunner: Sendable {
    public var repeats: Int?
    public var warmups: Int?
    /// Run only workloads whose name contains one of these, or whose size is one of these.
    public var only: [String] = []

    public init(repeats: Int? = nil, warmups: Int? = nil) {
        self.repeats = repeats
        self.warmups = warmups
    }

    public func selected(_ suite: BenchSuite) -> [BenchSuite.Entry] {
        guard !only.isEmpty else { return suite.entries }
        return suite.entries.filter { e in only.contains { e.name.contains($0) || e.size?.rawValue == $0 } }
    }

    /// `progress` is told each workload's name before it starts and its result after.
    public func run(_ suite: BenchSuite, progress: (BenchSuite.Entry, BenchReport.WorkloadResult?) -> Void = { _, _ in }) -> BenchReport {
        var results: [BenchReport.WorkloadResult] = []
        for entry in selected(suite) {
            progress(entry, nil)
            let result = run(entry, repeats: repeats ?? entry.repeats ?? suite.repeats, warmups: warmups ?? entry.warmups ?? suite.warmups)
            progress(entry, result)
            results.append(result)
        }
        let date = ISO8601DateFormatter().string(from: Date())
        return BenchReport(suite: suite.name, suiteFile: suite.file, date: date, repeats: repeats ?? suite.repeats,
                           warmups: warmups ?? suite.warmups, provenance: .current(), workloads: results)
    }

    /// The workload called `name` timed `repeats` more times (one warm-up), to re-measure a
    /// suspected regression; nil when the suite has no such workload.
    public func remeasure(_ name: String, in suite: BenchSuite, repeats: Int) -> BenchReport.WorkloadResult? {
        guard let entry = suite.entries.first(where: { $0.name == name }) else { return nil }
        return run(entry, repeats: repeats, warmups: 1)
    }

    func run(_ entry: BenchSuite.Entry, repeats: Int, warmups: Int) -> BenchReport.WorkloadResult {
        var result = BenchReport.WorkloadResult(name: entry.name, size: entry.size?.rawValue, kind: entry.kindName, status: .skipped,
                                                seconds: [], expectedChecksum: entry.expectedChecksum, figures: [:])
        guard let kind = entry.kind else {
            result.message = entry.skipReason
            return result
        }
        do {
            switch kind {
            case let .scenario(w): try measure(w, repeats: repeats, warmups: warmups, into: &result)
            case let .network(w): try measure(w, repeats: repeats, warmups: warmups, into: &result)
            case let .opinion(w): try measure(w, repeats: repeats, warmups: warmups, into: &result)
            case let .themes(w): try measure(w, repeats: repeats, warmups: warmups, into: &result)
            case let .votes(w): try measure(w, repeats: repeats, warmups: warmups, into: &result)
            case let .seeding(w): try measure(w, repeats: repeats, warmups: warmups, into: &result)
            }
            result.status = .ok
        } catch {
            result.status = .failed
            result.message = "\(error)"
        }
        return result
    }

    func measure<W: Workload>(_ workload: W, repeats: Int, warmups: Int, into result: inout BenchReport.WorkloadResult) throws {
        PeakMemory.reset()
        result.unit = workload.unit
        var start = DispatchTime.now().uptimeNanoseconds
        let input = try workload.prepare()
        result.prepareSeconds = Self.seconds(since: start)
        var first: WorkloadOutcome?
        func check(_ outcome: WorkloadOutcome) throws {
            if let first, first.checksum != outcome.checksum {
                throw BenchError.nonDeterministic(workload: result.name, first: first.checksum, later: outcome.checksum)
            }
            if first == nil { first = outcome }
        }
        for _ in 0..<warmups { try check(try workload.outcome(try skeinTimedExecution(workload, input), input: input)) }
        for _ in 0..<repeats {
            start = DispatchTime.now().uptimeNanoseconds
            let output = try skeinTimedExecution(workload, input)
            result.seconds.append(Self.seconds(since: start))
            try check(try workload.outcome(output, input: input))
        }
        result.peakMemoryBytes = PeakMemory.peakBytes()
        guard let outcome = first else { return }
        let sorted = result.seconds.sorted()
        result.minSeconds = sorted.first
        result.maxSeconds = sorted.last
        result.medianSeconds = sorted.isEmpty ? nil : (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
        result.work = outcome.work
        result.throughput = result.medianSeconds.map { outcome.work / max($0, 1e-9) }
        result.checksum = outcome.checksum
        result.figures = outcome.figures
    }

    /// One execution of a workload, out of line under a name an instruction counter can find, so it
    /// counts the work alone and not the preparation (`scripts/bench-instructions.sh` runs
    /// `valgrind --tool=callgrind --toggle-collect='*skeinTimedExecution*'`).
    @inline(never)
    func skeinTimedExecution<W: Workload>(_ workload: W, _ input: W.Input) throws -> W.Output {
        try workload.execute(input)
    }

    static func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

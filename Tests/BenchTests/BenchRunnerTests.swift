import Bench
import Foundation
import Graphs
import Provenance
import Scenarios
import Testing
import TestSupport

/// The runner's contract: prepared once, timed N times, a checksum that is a function of the
/// result alone; comparisons that flag what CI should stop on.
@Suite("Benchmark runner and comparison")
struct BenchRunnerTests {
    static let network = NetworkSpec.generate(model: "barabasi-albert", parameters: ["n": "300", "m": "3"], seed: 4)

    @Test func timesEveryRepeatAndChecksumsTheResult() throws {
        let w = NetworkWorkload(network: Self.network, metric: .kcore)
        let suite = BenchSuite(name: "t", description: nil, file: "t.yaml", repeats: 3, warmups: 1, entries: [
            BenchSuite.Entry(name: "kcore", size: .small, kind: .network(w), kindName: "network kcore", expectedChecksum: nil,
                             repeats: nil, skipReason: nil, origin: .init(file: "t.yaml", line: 1, column: 1)),
        ])
        let report = BenchRunner().run(suite)
        let r = try #require(report.workloads.first)
        #expect(r.status == .ok && r.seconds.count == 3 && r.unit == "edges")
        #expect(r.minSeconds! <= r.medianSeconds! && r.medianSeconds! <= r.maxSeconds!)
        #expect(r.work == Double(try Self.network.build().edgeCount))
        // The checksum is the result's: computed independently from the core numbers.
        var c = Checksum()
        c.add(try Self.network.build().coreNumbers())
        #expect(r.checksum == c.hex())
        #expect(r.figures["max_core"] == 3)  // BA(n, 3): every node keeps at least 3 neighbours
        #expect(report.provenance.machine.logicalCores >= 1)
    }

    @Test func differentResultsGiveDifferentChecksums() throws {
        func run(_ spec: NetworkSpec) throws -> WorkloadOutcome {
            let w = NetworkWorkload(network: spec, metric: .pagerank)
            let input = try w.prepare()
            return try w.outcome(try w.execute(input), input: input)
        }
        let a = try run(Self.network)
        let b = try run(NetworkSpec.generate(model: "barabasi-albert", parameters: ["n": "300", "m": "3"], seed: 5))
        #expect(a.checksum != b.checksum && a.checksum.count == 64)
        var c1 = Checksum(), c2 = Checksum()
        c1.add([1.0, 2.0]); c2.add([1.0, 2.0000000000000004])
        #expect(c1.hex() != c2.hex())
        var q1 = Checksum(), q2 = Checksum()
        q1.add(quantised: [0.5, 0.25]); q2.add(quantised: [0.5 + 1e-15, 0.25])
        #expect(q1.hex() == q2.hex())
    }

    /// Three runs per workload: the median and ±`spread` around it.
    static func report(_ times: [String: (Double, String)], core: String = "Zen", spread: Double = 0.01, threads: Int? = nil) -> BenchReport {
        var provenance = ProvenanceRecord.current()
        provenance.blas.coreName = core
        if let threads { provenance.computeThreads = threads }
        return BenchReport(suite: "s", suiteFile: "s.yaml", date: "2026-11-22", repeats: 3, warmups: 0, provenance: provenance,
                           workloads: times.keys.sorted().map { name in
                               let (t, sum) = times[name]!
                               return .init(name: name, kind: "scenario", status: .ok, seconds: [t * (1 - spread), t, t * (1 + spread)],
                                            minSeconds: t * (1 - spread), medianSeconds: t, maxSeconds: t * (1 + spread), checksum: sum, figures: [:])
                           })
    }

    @Test func comparisonFlagsRegressionsAndChangedResults() throws {
        let baseline = Self.report(["a": (1.0, "x"), "b": (1.0, "y"), "c": (1.0, "z")])
        let now = Self.report(["a": (1.05, "x"), "b": (1.2, "y"), "c": (0.5, "w"), "d": (1, "v")], core: "SkylakeX")
        let c = BenchComparison(now, baseline: baseline, threshold: 0.10)
        #expect(c.regressions.map(\.name) == ["b"])
        #expect(c.rows.first { $0.name == "b" }?.margin == 0.10)
        #expect(c.checksumChanges.map(\.name) == ["c"])
        #expect(c.rows.first { $0.name == "c" }?.note?.contains("OpenBLAS kernels differ: Zen vs SkylakeX") == true)
        #expect(c.rows.first { $0.name == "d" }?.note == "not in the baseline")
        #expect(!c.passed)
        #expect(BenchComparison(baseline, baseline: baseline).passed)
    }

    @Test("the noise rule: a slowdown inside the runs' spread, or with overlapping runs, is not a regression; one run alone allows 30%")
    func noiseRule() throws {
        // Runs ±40% around their medians: 1.5× is within twice the spread.
        let noisyBase = Self.report(["a": (1.0, "x")], spread: 0.4), noisyNow = Self.report(["a": (1.5, "x")], spread: 0.4)
        let noisy = BenchComparison(noisyNow, baseline: noisyBase)
        #expect(noisy.passed && noisy.rows[0].margin! > 1.5 && noisy.rows[0].note?.contains("within the noise") == true)
        // Tight runs: the same 1.5× is a regression.
        #expect(!BenchComparison(Self.report(["a": (1.5, "x")]), baseline: Self.report(["a": (1.0, "x")])).passed)
        // One run on each side: the 30% floor, so a 1.4× blip passes and a 3× slowdown does not.
        func single(_ t: Double) -> BenchReport {
            var r = Self.report(["a": (t, "x")])
            r.workloads[0].seconds = [t]
            return r
        }
        #expect(BenchComparison(single(1.4), baseline: single(1.0)).passed)
        #expect(!BenchComparison(single(3.0), baseline: single(1.0)).passed)
        // Re-measuring with runs back at the baseline's speed clears a suspect.
        var suspect = BenchComparison(single(3.0), baseline: single(1.0))
        var again = single(3.0).workloads[0]
        again.seconds = [3.0, 1.0, 1.01, 0.99, 1.02, 1.0]
        again.medianSeconds = 1.005
        suspect.remeasure("a", now: again, baseline: single(1.0).workloads[0])
        #expect(suspect.passed && suspect.rows[0].note?.contains("re-measured: 6 runs") == true)
        // Other threads are said.
        let warned = BenchComparison(Self.report(["a": (1.0, "x")], threads: 7), baseline: Self.report(["a": (1.0, "x")], threads: 1))
        #expect(warned.warnings.contains { $0.contains("1 threads, this run on 7") })
    }

    @Test func aReportSurvivesARoundTripAndBadFilesAreNamed() throws {
        let report = Self.report(["a": (1.0, "x")])
        let url = Fixtures.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try report.encoded().write(to: url)
        let back = try BenchReport.read(url)
        #expect(back.workloads.first?.checksum == "x" && back.provenance == report.provenance)
        try Data(#"{"suite": "s"}"#.utf8).write(to: url)
        #expect { try BenchReport.read(url) } throws: { "\($0)".contains(url.path) && "\($0)".contains("missing") }
    }
}

/// The analyser workload: labels scored against the themes, and a labels file that does not fit named.
@Suite("Themes workload")
struct ThemesWorkloadTests {
    /// One folder per test, removed at the end, so runs leave nothing behind in the temporary directory.
    let folder = Fixtures.temporaryDirectory.appendingPathComponent("skein-themes-\(UUID().uuidString)")

    func write(_ text: String, _ name: String) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func labelsBecomeNMIAndARIAndBadLabelsAreNamed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let topics = ["parking car spaces permit", "rota shifts weekend nights", "canteen lunch food menu"]
        let texts = (0..<60).map { topics[$0 % 3] + " \($0 % 7 == 0 ? "staff" : "team")" }
        let file = try write(texts.joined(separator: "\n") + "\n", "texts.txt")
        let labels = try write((0..<60).map { "\($0 % 3 + 1)" }.joined(separator: "\n") + "\n", "labels.txt")
        let w = ThemesWorkload(file: file, k: 3, seed: 1, labels: labels)
        let input = try w.prepare()
        let outcome = try w.outcome(try w.execute(input), input: input)
        #expect(outcome.figures["nmi"]! > 0.99 && outcome.figures["ari"]! > 0.99 && outcome.work == 60)
        // Replicated to 120 responses, the labels follow their texts.
        let bigger = ThemesWorkload(file: file, responses: 120, k: 3, seed: 1, labels: labels)
        #expect(try bigger.prepare().labels?.count == 120)
        let short = try write("1\n2\n", "short.txt")
        #expect { try ThemesWorkload(file: file, labels: short).prepare() } throws: { "\($0)".contains("short.txt") && "\($0)".contains("2 labels for 60 responses") }
        let words = try write((0..<60).map { $0 == 5 ? "six" : "1" }.joined(separator: "\n"), "words.txt")
        #expect { try ThemesWorkload(file: file, labels: words).prepare() } throws: { "\($0)".contains("words.txt:6") && "\($0)".contains("\"six\"") }
    }
}

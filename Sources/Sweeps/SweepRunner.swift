import Foundation
import Graphs
import Provenance
import Scenarios
import Simulation
import Tables

/// Runs a scenario's sweep into a results database: every point (or a shard's share of them),
/// R replicates each, resuming where an earlier run stopped.
///
/// Every point runs with the scenario's seed, so points are compared on common random numbers: the
/// difference between two points is the parameter's effect, not a different draw (with
/// `sweep.streams: independent`, each point's seed derives from the seed and its own values). Either way a
/// point's results depend on nothing but its own values: growing the grid, reordering it or
/// sharding it differently leaves them byte-identical. Networks are reused between consecutive
/// points with the same network specification.
public struct SweepRunner {
    public let file: String
    /// The `--set` overrides applied to the file, in order.
    public let overrides: [String]
    public let base: Scenario
    public let points: [SweepPoint]
    /// Scenarios of every point, decoded and checked before any runs.
    let scenarios: [Scenario]
    public let scenarioHash: String
    public let replicatesPerPoint: Int

    /// A shard "i/N" (1-based): the points whose index is i − 1 modulo N.
    public struct Shard: Sendable, Equatable {
        public var index: Int
        public var count: Int
        public init?(_ text: String) {
            let parts = text.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else { return nil }
            self.init(index: parts[0], count: parts[1])
        }
        public init(index: Int, count: Int) {
            precondition((1...count).contains(index))
            self.index = index
            self.count = count
        }
        public func contains(_ point: Int) -> Bool { point % count == index - 1 }
        public var description: String { "\(index)/\(count)" }
    }

    /// Loads the file, expands the sweep and decodes every point; problems in any point are
    /// reported together, each naming its point.
    public init(file: String, overrides: [String] = []) throws {
        var doc = try ScenarioLoader.document(file)
        for o in overrides { doc = try ScenarioLoader.override(o, into: doc) }
        let base = try ScenarioLoader.decode(doc, file: file)
        guard let sweep = base.sweep else {
            throw ScenarioError.invalid([Diagnostic(doc.origin, "\(file) has no sweep: section", hint: "use skein run for a single scenario")])
        }
        self.file = file
        self.overrides = overrides
        self.base = base
        points = sweep.points(seed: base.seed)
        replicatesPerPoint = sweep.replicates ?? base.replicates
        let canonical = try JSONSerialization.data(withJSONObject: doc.jsonObject, options: [.sortedKeys])
        scenarioHash = SHA256.hex(canonical)
        var problems: [Diagnostic] = []
        var scenarios: [Scenario] = []
        for point in points {
            do {
                var p = doc.removing("sweep")
                for a in point.assignments { p = try p.setting(a.path, to: a.value) }
                p = try p.setting("replicates", to: .scalar(String(replicatesPerPoint), doc.origin))
                if sweep.streams == .independent {
                    p = try p.setting("seed", to: .scalar(String(Self.pointSeed(base.seed, point)), doc.origin))
                }
                scenarios.append(try ScenarioLoader.decode(p, file: file))
            } catch let error as ScenarioError {
                problems += error.diagnostics.map { Diagnostic($0.origin, "sweep point \(point.index) \(point.json): \($0.message)", hint: $0.hint) }
            }
        }
        if !problems.isEmpty { throw ScenarioError.invalid(problems) }
        self.scenarios = scenarios
    }

    /// A point's stable id: the start of the SHA-256 of its values (sorted-key JSON), the same in
    /// every plan that contains the point, whatever its index.
    public static func pointID(_ point: SweepPoint) -> String { String(SHA256.hex(Data(point.json.utf8)).prefix(16)) }

    /// The seed of a point under `streams: independent`: (seed, the point's values) through SHA-256,
    /// within the range a scenario's seed takes.
    static func pointSeed(_ seed: UInt64, _ point: SweepPoint) -> UInt64 {
        let digest = SHA256.hex(Data("\(seed)\u{0}\(point.json)".utf8))
        return (UInt64(digest.prefix(16), radix: 16) ?? 0) & 0x7FFF_FFFF_FFFF_FFFF
    }

    /// The points a shard holds (every point without one).
    public func points(in shard: Shard?) -> [SweepPoint] { points.filter { shard?.contains($0.index) ?? true } }

    public struct Report: Sendable {
        public var pointsInShard: Int
        public var alreadyDone: Int
        public var ran: Int
        public var seconds: Double
        /// `stop` asked to end before every point of the shard ran; the finished ones are kept.
        public var stopped: Bool
        public var complete: Bool { alreadyDone + ran == pointsInShard }
    }

    /// Seconds one point takes on `threads`, from pilot replicates of up to three points spread over
    /// the sweep (first, middle, last: where the swept values pull dynamics apart) — see
    /// `PreparedScenario.estimatedSeconds`; the mean of the three.
    public func estimatedSecondsPerPoint(threads: Int) throws -> Double {
        let picks = Array(Set([0, points.count / 2, points.count - 1].filter { $0 >= 0 && $0 < points.count })).sorted()
        var total = 0.0
        for i in picks {
            let prepared = try scenarios[i].prepare()
            total += try prepared.estimatedSeconds(threads: threads)
        }
        return picks.isEmpty ? 0 : total / Double(picks.count)
    }

    /// Runs the shard's unfinished points into `database`. `progress(done, total)` after each point;
    /// `stop()` is asked before each point, and a true answer ends the run there (a requested
    /// termination: what finished is committed, and running again resumes).
    public func run(into database: SweepDatabase, shard: Shard? = nil, metadata: [String: String] = [:], stop: () -> Bool = { false },
                    progress: (Int, Int) -> Void = { _, _ in }) throws -> Report {
        // Locked past the wait (another process on the same file): said so, naming the writer.
        try database.writing { try runPoints(into: database, shard: shard, metadata: metadata, stop: stop, progress: progress) }
    }

    func runPoints(into database: SweepDatabase, shard: Shard?, metadata: [String: String], stop: () -> Bool,
                   progress: (Int, Int) -> Void) throws -> Report {
        let provenance = ProvenanceRecord.current()
        try database.bind(scenarioHash: scenarioHash, metadata: [
            "file": file, "points": String(points.count), "replicates_per_point": String(replicatesPerPoint),
            "seed": String(base.seed), "shard": shard?.description ?? "all", "writer": SweepDatabase.writerDescription(),
            "skein_version": provenance.skein.version, "skein_commit": provenance.skein.commit,
            "blas": "\(provenance.blas.library) \(provenance.blas.version)",
            "scenario": String(decoding: try JSONSerialization.data(withJSONObject: base.resolved.jsonObject, options: [.sortedKeys]), as: UTF8.self),
            // The swept parameters in the sweep's order: the columns of skein export sweep.
            "parameters": String(decoding: try JSONSerialization.data(withJSONObject: points.first?.assignments.map(\.path) ?? []), as: UTF8.self),
        ].merging(metadata) { $1 })
        let mine = points(in: shard)
        let finished = try database.finishedPoints()
        let todo = mine.filter { !finished.contains($0.index) }
        // The last network built: consecutive points that share a network specification reuse it.
        var network: (spec: NetworkSpec, graph: Graph)?
        let start = DispatchTime.now().uptimeNanoseconds
        progress(mine.count - todo.count, mine.count)
        var ran = 0
        for (k, point) in todo.enumerated() {
            if stop() { break }
            let t0 = DispatchTime.now().uptimeNanoseconds
            let scenario = scenarios[point.index]
            let graph = try network.flatMap { $0.spec == scenario.network ? $0.graph : nil } ?? scenario.network.build()
            network = (scenario.network, graph)
            let prepared = try scenario.prepare(network: graph)
            // A sweep stores summaries only: no per-agent adoption times (those are for a run's drawing).
            let result = try prepared.run(recordAgents: false)
            let rows = result.summaries.map { RunWriter.metrics($0).map(\.1) }
            try database.store(point: point.index, assignments: point.json, rows: rows,
                               seconds: Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            ran += 1
            progress(mine.count - todo.count + k + 1, mine.count)
        }
        return Report(pointsInShard: mine.count, alreadyDone: mine.count - todo.count, ran: ran,
                      seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, stopped: ran < todo.count)
    }
}

import Foundation
import GRDB
import Outputs

/// The results database of a sweep (SQLite through GRDB): one row per (point, replicate) with its
/// summaries, one row per finished point, and the run's metadata (manifest, scenario hash, points,
/// shard). Each point is written in one transaction together with its "finished" row, so a sweep
/// killed at any moment loses at most the point in flight and never leaves a half-written point;
/// a restart skips the finished points.
public final class SweepDatabase {
    let queue: DatabaseQueue
    public let path: String

    /// Metadata a plan's task sets once every point of its shard is in: the file is then renamed complete.
    public static let completeKey = "complete"

    /// The columns of `results` after point and replicate: a run folder's `replicates.csv` columns.
    static let metrics = RunMetric.allCases.map(\.rawValue)

    public enum DatabaseError: Error, CustomStringConvertible {
        case otherScenario(path: String, stored: String, current: String)
        case notASweep(String)
        case mergeMismatch(String)
        case incomplete(missing: [Int], duplicated: [Int])
        /// Shards that hold only part of their points (a stopped or failed task), each said with its count.
        case partial([String])
        case corrupt(path: String, what: String)
        case busy(path: String, holder: String?, waited: Double)
        /// The disk (or quota) filled while writing: finished points are kept, the unfinished one is not.
        case full(path: String)

        public var description: String {
            switch self {
            case let .otherScenario(path, stored, current):
                return "\(path) holds results of another scenario (hash \(stored.prefix(12))…, this one \(current.prefix(12))…); use a new --db or delete it"
            case let .notASweep(path): return "\(path) is not a Skein sweep database"
            case let .busy(path, holder, waited):
                return "\(path) is being written by \(holder ?? "another process") and stayed locked for \(Int(waited)) s; wait for it to finish, "
                    + "or run the shards into separate files (--shard i/N --db part-i.sqlite) and combine them with skein merge"
            case let .full(path):
                return "\(path): no space left on the device; the points finished before it filled are kept whole, "
                    + "so free some space and run the same command again to resume"
            case let .corrupt(path, what): return "\(path): \(what) — the database was changed by something other than skein sweep"
            case let .mergeMismatch(why): return "cannot merge: \(why)"
            case let .partial(shards):
                return "cannot merge: partial shard\(shards.count == 1 ? "" : "s") (rerun them to finish; they resume): " + shards.joined(separator: "; ")
            case let .incomplete(missing, duplicated):
                return "cannot merge: " + [missing.isEmpty ? nil : "points missing from every shard: \(Self.list(missing))",
                                           duplicated.isEmpty ? nil : "points in more than one shard: \(Self.list(duplicated))"]
                    .compactMap { $0 }.joined(separator: "; ")
            }
        }

        static func list(_ xs: [Int]) -> String { xs.prefix(20).map(String.init).joined(separator: ", ") + (xs.count > 20 ? ", …" : "") }
    }

    /// Opens (creating if needed) the database at `path`; `readOnly` opens an existing one to look
    /// at without ever writing (status, while its task may still be writing it).
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        // Shards or a second process on one file take turns (each point is one short transaction)
        // instead of failing with "database is locked".
        var configuration = Configuration()
        configuration.busyMode = .timeout(readOnly ? 5 : Self.waitSeconds)
        configuration.readonly = readOnly
        queue = try Self.writing(path: path, holder: { nil }) { try DatabaseQueue(path: path, configuration: configuration) }
        if readOnly { return }
        try writing { try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS sweep (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS points (point INTEGER PRIMARY KEY, assignments TEXT NOT NULL, seconds REAL NOT NULL);
                CREATE TABLE IF NOT EXISTS results (
                    point INTEGER NOT NULL, replicate INTEGER NOT NULL,
                    \(Self.metrics.map { "\($0) REAL" }.joined(separator: ", ")),
                    PRIMARY KEY (point, replicate));
                """)
            // A database begun by an earlier Skein lacks the metrics added since: they read as null there.
            let present = Set(try Row.fetchAll(db, sql: "PRAGMA table_info(results)").map { $0["name"] as String })
            for metric in Self.metrics where !present.contains(metric) {
                try db.execute(sql: "ALTER TABLE results ADD COLUMN \(metric) REAL")
            }
        } }
    }

    /// How long a writer waits for another to release the database (SKEIN_SWEEP_WAIT_SECONDS, default 120).
    static var waitSeconds: Double {
        ProcessInfo.processInfo.environment["SKEIN_SWEEP_WAIT_SECONDS"].flatMap(Double.init) ?? 120
    }

    /// Who is writing this sweep, as each run records it when it starts.
    public static func writerDescription() -> String {
        "skein sweep (pid \(ProcessInfo.processInfo.processIdentifier) on \(ProcessInfo.processInfo.hostName), since \(ISO8601DateFormatter().string(from: Date())))"
    }

    /// Whether a writer recorded by `writerDescription` is a process still alive on this host.
    public static func writerIsAlive(_ writer: String) -> Bool {
        let words = writer.split(separator: " ")
        guard let p = words.firstIndex(of: "(pid"), p + 3 < words.count, let pid = Int32(words[p + 1]),
              words[p + 2] == "on" else { return false }
        let host = words[p + 3].trimmingCharacters(in: CharacterSet(charactersIn: ","))
        return host == ProcessInfo.processInfo.hostName && kill(pid, 0) == 0
    }

    /// Runs `body`; a database still locked after the wait becomes `busy`, naming the writer when it is recorded.
    public func writing<T>(_ body: () throws -> T) throws -> T {
        try Self.writing(path: path, holder: { try? self.metadata("writer") }, body)
    }

    static func writing<T>(path: String, holder: () -> String??, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GRDB.DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw DatabaseError.busy(path: path, holder: holder() ?? nil, waited: waitSeconds)
        } catch let error as GRDB.DatabaseError where error.resultCode == .SQLITE_FULL {
            throw DatabaseError.full(path: path)
        }
    }

    /// Closes the file (before it is renamed); the database must not be used after.
    public func close() throws { try queue.close() }

    public func metadata(_ key: String) throws -> String? {
        try queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM sweep WHERE key = ?", arguments: [key]) }
    }

    public func setMetadata(_ values: [String: String]) throws {
        try queue.write { db in
            for (k, v) in values.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: "INSERT OR REPLACE INTO sweep (key, value) VALUES (?, ?)", arguments: [k, v])
            }
        }
    }

    /// Claims the database for a scenario: a new database takes its hash; one holding another
    /// scenario's results is refused.
    public func bind(scenarioHash: String, metadata: [String: String]) throws {
        if let stored = try self.metadata("scenario_hash"), stored != scenarioHash {
            throw DatabaseError.otherScenario(path: path, stored: stored, current: scenarioHash)
        }
        try setMetadata(metadata.merging(["scenario_hash": scenarioHash]) { $1 })
    }

    public func finishedPoints() throws -> Set<Int> {
        Set(try queue.read { db in try Int.fetchAll(db, sql: "SELECT point FROM points") })
    }

    /// Stores one point's replicates and marks it finished, atomically.
    public func store(point: Int, assignments: String, rows: [[Double?]], seconds: Double) throws {
        try queue.write { db in
            let placeholders = Array(repeating: "?", count: Self.metrics.count + 2).joined(separator: ", ")
            let statement = try db.makeStatement(sql: "INSERT OR REPLACE INTO results (point, replicate, \(Self.metrics.joined(separator: ", "))) VALUES (\(placeholders))")
            for (r, row) in rows.enumerated() {
                var arguments: [(any DatabaseValueConvertible)?] = [point, r]
                arguments += row.map { $0 }
                try statement.execute(arguments: StatementArguments(arguments))
            }
            try db.execute(sql: "INSERT OR REPLACE INTO points (point, assignments, seconds) VALUES (?, ?, ?)", arguments: [point, assignments, seconds])
        }
    }

    /// A metric cell: a number, or nil where undefined (NULL); anything else is a corrupt database,
    /// said so rather than trapped on.
    func number(_ row: Row, _ column: String) throws -> Double? {
        let value: DatabaseValue = row[column]
        if value.isNull { return nil }
        guard let x = Double.fromDatabaseValue(value) else {
            throw DatabaseError.corrupt(path: path, what: "results.\(column) holds \(value), not a number")
        }
        return x
    }

    /// Per point: its assignments and the mean of each metric over its replicates.
    public func pointMeans() throws -> [(point: Int, assignments: String, replicates: Int, means: [String: Double])] {
        try queue.read { db in
            let sql = "SELECT p.point, p.assignments, COUNT(r.replicate) AS n, "
                + Self.metrics.map { "AVG(r.\($0)) AS \($0)" }.joined(separator: ", ")
                + " FROM points p LEFT JOIN results r ON r.point = p.point GROUP BY p.point ORDER BY p.point"
            return try Row.fetchAll(db, sql: sql).map { row in
                var means: [String: Double] = [:]
                for m in Self.metrics { if let x = try number(row, m) { means[m] = x } }
                return (row["point"], row["assignments"], row["n"], means)
            }
        }
    }

    /// Per finished point: its assignments (JSON) and every replicate's value of each metric (undefined ones left out).
    public func replicateMetrics() throws -> [(point: Int, assignments: String, metrics: [String: [Double]])] {
        try queue.read { db in
            var byPoint: [Int: [String: [Double]]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM results ORDER BY point, replicate") {
                let point: Int = row["point"]
                for m in Self.metrics { if let x = try number(row, m) { byPoint[point, default: [:]][m, default: []].append(x) } }
            }
            return try Row.fetchAll(db, sql: "SELECT point, assignments FROM points ORDER BY point").map { row in
                let point: Int = row["point"]
                return (point, row["assignments"], byPoint[point] ?? [:])
            }
        }
    }

    /// Combines shard databases into this (empty or same-scenario) one, after checking that they
    /// ran the same scenario (and the same plan, where they come from one), that no shard holds only
    /// part of its points, and that every point of the sweep is present exactly once.
    public func merge(_ shards: [SweepDatabase]) throws {
        guard let first = shards.first else { return }
        guard let hash = try first.metadata("scenario_hash"), let total = try first.metadata("points").flatMap(Int.init) else {
            throw DatabaseError.notASweep(first.path)
        }
        let plan = try first.metadata("plan_hash")
        var seen: [Int: Int] = [:]
        var partial: [String] = []
        for shard in shards {
            guard let h = try shard.metadata("scenario_hash") else { throw DatabaseError.notASweep(shard.path) }
            guard h == hash else { throw DatabaseError.mergeMismatch("\(shard.path) ran another scenario than \(first.path) (hash \(h.prefix(12))… vs \(hash.prefix(12))…)") }
            let p = try shard.metadata("plan_hash")
            guard p == plan else {
                throw DatabaseError.mergeMismatch("\(shard.path) belongs to \(p.map { "plan \($0.prefix(12))…" } ?? "no plan") but \(first.path) to \(plan.map { "plan \($0.prefix(12))…" } ?? "no plan")")
            }
            let finished = try shard.finishedPoints()
            for p in finished { seen[p, default: 0] += 1 }
            // A shard "i/N" must hold all of its points: fewer is a task stopped or failed part-way.
            if let text = try shard.metadata("shard"), let s = SweepRunner.Shard(text) {
                let expected = (0..<total).filter(s.contains)
                let missing = expected.filter { !finished.contains($0) }
                if !missing.isEmpty {
                    partial.append("\(shard.path) (shard \(s.description)) holds \(expected.count - missing.count) of its \(expected.count) points, missing \(DatabaseError.list(missing))")
                }
            }
        }
        if !partial.isEmpty { throw DatabaseError.partial(partial) }
        let missing = (0..<total).filter { seen[$0] == nil }
        let duplicated = seen.filter { $0.value > 1 }.map(\.key).sorted()
        guard missing.isEmpty && duplicated.isEmpty else { throw DatabaseError.incomplete(missing: missing, duplicated: duplicated) }
        var meta = try first.queue.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, value FROM sweep").map { ($0["key"] as String, $0["value"] as String) })
        }
        meta["shard"] = "merged from \(shards.count)"
        meta["task"] = nil
        meta[Self.completeKey] = nil
        try bind(scenarioHash: hash, metadata: meta)
        for shard in shards {
            let points = try shard.queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM points") }
            let results = try shard.queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM results") }
            try queue.write { db in
                for p in points {
                    try db.execute(sql: "INSERT OR REPLACE INTO points (point, assignments, seconds) VALUES (?, ?, ?)",
                                   arguments: [p["point"] as Int, p["assignments"] as String, p["seconds"] as Double])
                }
                let columns = ["point", "replicate"] + Self.metrics
                let statement = try db.makeStatement(sql: "INSERT OR REPLACE INTO results (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
                for r in results {
                    try statement.execute(arguments: StatementArguments(columns.map { r[$0] as DatabaseValue }))
                }
            }
        }
    }

    /// Merges `shards` into the database at `path` so that it appears complete or not at all: the
    /// merge is built in a temporary file beside it (starting from a copy of `path` when that exists)
    /// and renamed over `path` only when every check passed and every row is in.
    public static func merge(_ shards: [SweepDatabase], into path: String) throws -> SweepDatabase {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path)
        // An unpredictable name nobody else created (a planted link there would be refused, not followed).
        let tag = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))"
        let staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).merging-\(tag)")
        do {
            if fm.fileExists(atPath: path) { try fm.copyItem(at: target, to: staging) }
            let merged = try SweepDatabase(path: staging.path)
            try merged.merge(shards)
            try merged.close()
            if fm.fileExists(atPath: path) { _ = try fm.replaceItemAt(target, withItemAt: staging) } else { try fm.moveItem(at: staging, to: target) }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        return try SweepDatabase(path: path)
    }
}

import Foundation
import Tables

/// The folder `skein run` writes, as typed values: its file names and columns are defined here
/// once, for the writer (Scenarios), the reports and notebooks (Reports), and the folder contract
/// in docs/output-folders.md for people who load the files themselves.
public struct RunFolder: Sendable {
    /// The files, by role.
    public enum File {
        public static let timeseries = "timeseries.csv"
        public static let replicates = "replicates.csv"
        public static let summaryTable = "summary.csv"
        public static let summary = "summary.json"
        public static let account = "summary.md"
        public static let agents = "agents.csv"
        public static let replicateTimeseries = "replicate-timeseries.csv"
        public static let network = "network.csv"
        public static let networkEdges = "network-edges.csv"
        public static let manifest = "manifest.json"
        public static let report = "report.html"
        /// The network by group, for networks too large to draw person by person: one row per
        /// group (organisation, or community when the network has no categorical attribute) and one
        /// per pair of groups with ties between them.
        public static let groupNetwork = "network-groups.csv"
        public static let groupNetworkTies = "network-group-ties.csv"
        /// Each arm's paired measures beside the base's (runs with arms).
        public static let comparison = "comparison.csv"
        /// The arms' own run folders, one per arm (`arms/<arm>/`).
        public static let arms = "arms"
    }

    /// `replicates.csv`: `replicate` then every `RunMetric`.
    public static let replicateColumns = ["replicate"] + RunMetric.allCases.map(\.rawValue)
    /// `summary.csv`: one row per metric.
    public static let summaryColumns = ["metric", "mean", "sd", "low", "high", "replicates"]
    /// `replicate-timeseries.csv`: each replicate's own counts by state, reach and mean commitment.
    public static let replicateTimeseriesColumns = ["replicate", "step"] + RunMeasure.allCases.map(\.rawValue)
    /// `agents.csv` (and `network.csv` with `x, y` after `label`), then one column per breakdown attribute.
    /// `mean_commitment`: each person's commitment (opinion) at the horizon, averaged over the
    /// replicates; empty where the run does not track commitment.
    public static let agentColumns = ["node", "label", "adoption_probability", "mean_adoption_time", "mean_commitment"]
    public static let networkColumns = ["node", "label", "x", "y", "adoption_probability", "mean_adoption_time", "mean_commitment"]
    /// `network.csv` as folders from before `mean_commitment` wrote it (still drawn).
    public static let earlierNetworkColumns = ["node", "label", "x", "y", "adoption_probability", "mean_adoption_time"]
    /// `network-groups.csv` (`attribute` names what the groups are: an attribute, or "community"),
    /// and `network-group-ties.csv` (group numbers, rows of network-groups.csv).
    public static let groupNetworkColumns = ["group", "attribute", "label", "size", "x", "y", "adopted_share"]
    public static let groupNetworkTieColumns = ["source", "target", "ties"]
    /// `network-edges.csv`: node numbers (rows of network.csv), each tie once.
    public static let edgeColumns = ["source", "target"]

    public enum ReadError: Error, CustomStringConvertible {
        case notARunFolder(String)
        case unreadable(file: String, why: String)
        public var description: String {
            switch self {
            case let .notARunFolder(dir): return "\(dir): no \(File.timeseries) — is this a folder written by skein run?"
            case let .unreadable(file, why): return "\(file): \(why)"
            }
        }
    }

    public let directory: URL
    public var timeseries: Timeseries
    /// Nil when the file is absent (a folder from a run that stopped early, or hand-made).
    public var summary: RunSummary?
    public var manifest: RunManifest?

    public func url(_ file: String) -> URL { directory.appendingPathComponent(file) }

    /// Whether `dir` looks like a run folder (it has the time series).
    public static func isRunFolder(_ dir: URL) -> Bool {
        FileManager.default.fileExists(atPath: dir.appendingPathComponent(File.timeseries).path)
    }

    /// Reads the time series, summary and manifest; a file that is there but does not decode is an
    /// error naming it and what was wrong.
    public static func read(_ dir: URL) throws -> RunFolder {
        guard isRunFolder(dir) else { throw ReadError.notARunFolder(dir.path) }
        let timeseries = try Timeseries.read(dir.appendingPathComponent(File.timeseries))
        return RunFolder(directory: dir, timeseries: timeseries,
                         summary: try json(RunSummary.self, dir.appendingPathComponent(File.summary)),
                         manifest: try json(RunManifest.self, dir.appendingPathComponent(File.manifest)))
    }

    static func json<T: Decodable>(_ type: T.Type, _ url: URL) throws -> T? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ReadError.unreadable(file: url.path, why: "no \"\(Self.path(context.codingPath + [key]))\"")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw ReadError.unreadable(file: url.path, why: "\"\(Self.path(context.codingPath))\" is not \(expected)")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw ReadError.unreadable(file: url.path, why: "\"\(Self.path(context.codingPath))\" is null, expected \(expected)")
        } catch {
            throw ReadError.unreadable(file: url.path, why: "not JSON (\((error as NSError).localizedDescription))")
        }
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }

    /// The encoder every JSON file of a folder is written with: pretty, key-sorted, stable.
    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }
}

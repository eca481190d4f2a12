import Analysis
import Foundation
import Scenarios
import Simulation

/// A benchmark suite file: named workloads (scenarios, network metrics, opinion dynamics, text
/// and vote analyses) with the checksums their results are expected to have. Read with the
/// scenario reader, so every problem is reported as file:line:column with a hint.
///
/// ```yaml
/// suite: standard
/// repeat: 5            # timed runs per workload (after `warmup` untimed ones)
/// warmup: 1
/// workloads:
///   - name: pagerank-ba100k
///     size: medium
///     network: {file: ../../../shared/data/bench/ba100k.edges}
///     metric: pagerank
///     checksum: 3f1c…   # SHA-256 of the result; `skein bench` prints it for a new workload
/// ```
public struct BenchSuite: Sendable {
    public enum Size: String, Sendable, Codable, CaseIterable { case small, medium, large }

    /// The concrete workload: an enum rather than an existential so the runner times each
    /// kind through a specialised generic path.
    public enum Kind: Sendable {
        case scenario(ScenarioWorkload)
        case network(NetworkWorkload)
        case opinion(OpinionWorkload)
        case themes(ThemesWorkload)
        case votes(VotesWorkload)
        case seeding(SeedingWorkload)

        public var name: String {
            switch self {
            case .scenario: "scenario"
            case let .network(w): "network " + w.metric.rawValue
            case .opinion: "opinion"
            case .themes: "analyse"
            case .votes: "analyse-votes"
            case .seeding: "seeding opim"
            }
        }
    }

    public struct Entry: Sendable {
        public var name: String
        public var size: Size?
        /// The work, or nil when it is skipped (`skipReason`).
        public var kind: Kind?
        /// "scenario", "network pagerank", "analyse"…: shown even for a skipped workload.
        public var kindName: String
        public var expectedChecksum: String?
        /// Timed runs for this workload (overrides the suite's; large workloads often say 1).
        public var repeats: Int?
        /// Untimed runs first (overrides the suite's; 0 for workloads too long to run twice).
        public var warmups: Int?
        /// Why the workload cannot run here (an input from ../shared that is absent), or nil.
        public var skipReason: String?
        public var origin: ScenarioValue.Origin
        /// Where `name:` and `checksum:` are written, for `recordingChecksums`.
        var nameOrigin: ScenarioValue.Origin?
        var checksumOrigin: ScenarioValue.Origin?

        public init(name: String, size: Size? = nil, kind: Kind?, kindName: String, expectedChecksum: String? = nil, repeats: Int? = nil,
                    warmups: Int? = nil, skipReason: String? = nil, origin: ScenarioValue.Origin, nameOrigin: ScenarioValue.Origin? = nil,
                    checksumOrigin: ScenarioValue.Origin? = nil) {
            self.name = name
            self.size = size
            self.kind = kind
            self.kindName = kindName
            self.expectedChecksum = expectedChecksum
            self.repeats = repeats
            self.warmups = warmups
            self.skipReason = skipReason
            self.origin = origin
            self.nameOrigin = nameOrigin
            self.checksumOrigin = checksumOrigin
        }
    }

    public var name: String
    public var description: String?
    public var file: String
    public var repeats: Int
    public var warmups: Int
    public var entries: [Entry]

    public init(name: String, description: String? = nil, file: String, repeats: Int = 5, warmups: Int = 1, entries: [Entry]) {
        self.name = name
        self.description = description
        self.file = file
        self.repeats = repeats
        self.warmups = warmups
        self.entries = entries
    }

    static let entryKeys = ["name", "size", "checksum", "repeat", "warmup", "scenario", "set", "replicates", "network", "metric", "sources",
                            "seed", "opinion", "analyse", "responses", "k", "method", "labels", "votes", "seeding"]

    /// Reads and checks a suite file; all problems together, each at its place in the file.
    public static func load(_ path: String) throws -> BenchSuite {
        let doc = try ScenarioLoader.document(path)
        let directory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        var d: [Diagnostic] = []
        guard var top = FieldReader(doc, path: "", &d) else { throw ScenarioError.invalid(d) }
        top.documentName = "the suite"
        let name = top.string("suite", &d) ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let description = top.string("description", &d)
        let repeats = top.int("repeat", &d, min: 1) ?? 5
        let warmups = top.int("warmup", &d, min: 0) ?? 1
        var entries: [Entry] = []
        if let list = top.required("workloads", &d, hint: "a list of workloads, each with a name") {
            if case let .sequence(items, _) = list {
                var names: Set<String> = []
                for (i, item) in items.enumerated() {
                    if case let .scalar(name, origin)? = item["name"], !names.insert(name).inserted {
                        d.append(Diagnostic(origin, "workloads[\(i)]: the name \"\(name)\" is used twice", hint: "names identify results in comparisons"))
                    }
                    if let entry = decodeEntry(item, index: i, directory: directory, &d) { entries.append(entry) }
                }
            } else {
                d.append(Diagnostic(list.origin, "workloads must be a list", hint: "write each workload as a \"- name: …\" item"))
            }
        }
        top.finish(&d)
        guard d.isEmpty else { throw ScenarioError.invalid(d) }
        return BenchSuite(name: name, description: description, file: path, repeats: repeats, warmups: warmups, entries: entries)
    }

    static func decodeEntry(_ v: ScenarioValue, index i: Int, directory: URL, _ d: inout [Diagnostic]) -> Entry? {
        let path = "workloads[\(i)]"
        guard var r = FieldReader(v, path: path, &d) else { return nil }
        defer { r.finish(&d) }
        let errors = d.count
        let name = r.required("name", &d).flatMap { FieldReader.string($0, "\(path).name", &d) } ?? path
        let size = r.choice("size", Size.allCases.map { $0.rawValue }, &d).flatMap(Size.init(rawValue:))
        let checksum = r.string("checksum", &d)
        if let checksum, checksum.count != 64 || !checksum.allSatisfy(\.isHexDigit) {
            d.append(Diagnostic(r.value("checksum")!.origin, "\(path).checksum must be 64 hex digits (a SHA-256)", hint: "copy it from skein bench's output"))
        }
        let repeats = r.int("repeat", &d, min: 1)
        let warmups = r.int("warmup", &d, min: 0)
        let seed = r.int("seed", &d, min: 0).map(UInt64.init)
        var missing: [String] = []
        func file(_ key: String) -> String? {
            guard let s = r.string(key, &d) else { return nil }
            let url = s.hasPrefix("/") ? URL(fileURLWithPath: s) : directory.appendingPathComponent(s).standardizedFileURL
            if !FileManager.default.fileExists(atPath: url.path) { missing.append(url.path) }
            return url.path
        }
        let kinds = ["scenario", "metric", "opinion", "analyse", "votes", "seeding"].filter { r.has($0) }
        guard kinds.count == 1 else {
            d.append(Diagnostic(v.origin, kinds.isEmpty ? "\(path) (\(name)) says no work to do" : "\(path) (\(name)) has more than one kind of work: \(kinds.joined(separator: ", "))",
                                hint: "give exactly one of scenario, metric (with network), opinion (with network), seeding (with network), analyse or votes"))
            _ = entryKeys.map { r.value($0) }
            return nil
        }
        func network() -> NetworkSpec? {
            guard let n = r.required("network", &d, hint: "a network: {generate: …, parameters: …} or {file: …}") else { return nil }
            if case let .mapping(entries, _) = n, let f = entries.first(where: { $0.key == "file" }), case let .scalar(s, _) = f.value {
                let url = s.hasPrefix("/") ? URL(fileURLWithPath: s) : directory.appendingPathComponent(s).standardizedFileURL
                if !FileManager.default.fileExists(atPath: url.path) { missing.append(url.path); return nil }
            }
            do { return try NetworkSpec.decode(n, relativeTo: directory, seed: seed ?? 1) } catch let e as ScenarioError {
                d.append(contentsOf: e.diagnostics)
            } catch {
                d.append(Diagnostic(n.origin, "\(path).network: \(error)"))
            }
            return nil
        }
        var kind: Kind?
        var metricName: String?
        switch kinds[0] {
        case "scenario":
            let scenario = file("scenario")
            var overrides = r.strings("set", &d) ?? []
            if let replicates = r.int("replicates", &d, min: 1) { overrides.append("replicates=\(replicates)") }
            if let seed { overrides.append("seed=\(seed)") }
            kind = scenario.map { .scenario(ScenarioWorkload(file: $0, overrides: overrides)) }
        case "metric":
            if case let .scalar(m, _)? = v["metric"] { metricName = m }
            let metric = r.choice("metric", NetworkWorkload.Metric.allCases.map(\.rawValue), &d).flatMap(NetworkWorkload.Metric.init(rawValue:))
            let sources = r.int("sources", &d, min: 1)
            if let spec = network(), let metric {
                kind = .network(NetworkWorkload(network: spec, metric: metric, sources: sources, seed: seed ?? 1))
            }
        case "opinion":
            let spec = network()
            var susceptibility = 1.0, replicates = 64, steps = 50
            if let o = r.value("opinion"), var or = FieldReader(o, path: "\(path).opinion", &d) {
                susceptibility = or.double("susceptibility", &d, .probability) ?? 1
                replicates = or.int("replicates", &d, min: 1) ?? 64
                steps = or.int("steps", &d, min: 0) ?? 50
                or.finish(&d)
            }
            if let spec { kind = .opinion(OpinionWorkload(network: spec, susceptibility: susceptibility, replicates: replicates, steps: steps, seed: seed ?? 1)) }
        case "analyse":
            let input = file("analyse")
            let responses = r.int("responses", &d, min: 1)
            let k = r.int("k", &d, min: 1)
            let method = r.choice("method", ClusteringCatalog.names, &d).flatMap(ClusteringCatalog.named) ?? BalancedKMeans.self
            let labels = file("labels")
            kind = input.map { .themes(ThemesWorkload(file: $0, responses: responses, k: k, method: method, seed: seed ?? 0, labels: labels)) }
        case "seeding":
            let spec = network()
            var strategy: OPIMSeeding?
            var scoring = 2000
            if let o = r.value("seeding"), var or = FieldReader(o, path: "\(path).seeding", &d) {
                let count = or.int("count", &d, min: 1) ?? 50
                let epsilon = or.double("epsilon", &d, .positive) ?? 0.1
                var probability = IndependentCascade.Probability.uniform(0.05)
                switch or.value("p") {
                case .scalar("weighted-cascade", _)?: probability = .weightedCascade
                case .scalar("edge-weights", _)?: probability = .edgeWeights
                case let .scalar(text, origin)?:
                    if let p = Double(text), p >= 0, p <= 1 { probability = .uniform(p) } else {
                        d.append(Diagnostic(origin, "\(path).seeding.p is \"\(text)\"", hint: "a probability in [0, 1], weighted-cascade or edge-weights"))
                    }
                case let other?: d.append(Diagnostic(other.origin, "\(path).seeding.p is not a value", hint: "a probability in [0, 1], weighted-cascade or edge-weights"))
                case nil: break
                }
                scoring = or.int("replicates", &d, min: 1) ?? 2000
                or.finish(&d)
                strategy = OPIMSeeding(count: count, probability: probability, epsilon: epsilon)
            }
            if let spec, let strategy { kind = .seeding(SeedingWorkload(network: spec, strategy: strategy, seed: seed ?? 1, replicates: scoring)) }
        default:
            kind = file("votes").map { .votes(VotesWorkload(file: $0, seed: seed ?? 0)) }
        }
        let skip = missing.isEmpty ? nil : "input not found: \(missing.joined(separator: ", "))"
        guard d.count == errors, kind != nil || skip != nil else { return nil }
        // A workload skipped before its kind could be built (its network file is absent) is named as it would be.
        let kindName = kind?.name ?? (kinds[0] == "metric" ? "network \(metricName ?? "")" : kinds[0])
        return Entry(name: name, size: size, kind: skip == nil ? kind : nil, kindName: kindName, expectedChecksum: checksum?.lowercased(),
                     repeats: repeats, warmups: warmups, skipReason: skip, origin: v.origin,
                     nameOrigin: r.entries.first { $0.key == "name" }?.keyOrigin,
                     checksumOrigin: r.entries.first { $0.key == "checksum" }?.value.origin)
    }

    /// The suite file's text with `checksums` (by workload name) written in: an existing
    /// `checksum:` value is replaced in place, otherwise a `checksum:` line is added under `name:`
    /// with its indentation. Comments and layout are kept, which a YAML round trip would lose.
    public func recordingChecksums(_ checksums: [String: String], in text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        var inserts: [(after: Int, line: String)] = []
        for entry in entries {
            guard let sum = checksums[entry.name] else { continue }
            if let at = entry.checksumOrigin, at.line > 0, at.line <= lines.count, let old = entry.expectedChecksum {
                lines[at.line - 1] = lines[at.line - 1].replacingOccurrences(of: old, with: sum, options: .caseInsensitive)
            } else if let at = entry.nameOrigin, at.line > 0, at.line <= lines.count {
                inserts.append((at.line - 1, String(repeating: " ", count: max(0, at.column - 1)) + "checksum: \(sum)"))
            }
        }
        for insert in inserts.sorted(by: { $0.after > $1.after }) { lines.insert(insert.line, at: insert.after + 1) }
        return lines.joined(separator: "\n")
    }
}

import Foundation
import Provenance

/// What `skein bench` writes with `--out`: the machine and software, then per workload its times,
/// throughput, peak memory, outcome figures and checksum. Another machine's report is the
/// baseline for `--compare`.
public struct BenchReport: Codable, Sendable {
    public var suite: String
    public var suiteFile: String
    public var date: String
    public var repeats: Int
    public var warmups: Int
    public var provenance: ProvenanceRecord
    public var workloads: [WorkloadResult]

    public init(suite: String, suiteFile: String, date: String, repeats: Int, warmups: Int, provenance: ProvenanceRecord, workloads: [WorkloadResult]) {
        self.suite = suite
        self.suiteFile = suiteFile
        self.date = date
        self.repeats = repeats
        self.warmups = warmups
        self.provenance = provenance
        self.workloads = workloads
    }

    public enum Status: String, Codable, Sendable { case ok, skipped, failed }

    public struct WorkloadResult: Codable, Sendable {
        public var name: String
        public var size: String?
        public var kind: String
        public var status: Status
        /// Why skipped or failed.
        public var message: String?
        public var unit: String?
        /// Units of work per run (edges, agent-steps, responses, votes).
        public var work: Double?
        public var prepareSeconds: Double?
        /// Every timed run, in order.
        public var seconds: [Double]
        public var minSeconds: Double?
        public var medianSeconds: Double?
        public var maxSeconds: Double?
        /// `work` per second at the median time.
        public var throughput: Double?
        /// Peak resident set while preparing and running this workload.
        public var peakMemoryBytes: Int?
        public var checksum: String?
        public var expectedChecksum: String?
        public var figures: [String: Double]

        public init(name: String, size: String? = nil, kind: String, status: Status, message: String? = nil, unit: String? = nil,
                    work: Double? = nil, prepareSeconds: Double? = nil, seconds: [Double] = [], minSeconds: Double? = nil,
                    medianSeconds: Double? = nil, maxSeconds: Double? = nil, throughput: Double? = nil, peakMemoryBytes: Int? = nil,
                    checksum: String? = nil, expectedChecksum: String? = nil, figures: [String: Double] = [:]) {
            self.name = name
            self.size = size
            self.kind = kind
            self.status = status
            self.message = message
            self.unit = unit
            self.work = work
            self.prepareSeconds = prepareSeconds
            self.seconds = seconds
            self.minSeconds = minSeconds
            self.medianSeconds = medianSeconds
            self.maxSeconds = maxSeconds
            self.throughput = throughput
            self.peakMemoryBytes = peakMemoryBytes
            self.checksum = checksum
            self.expectedChecksum = expectedChecksum
            self.figures = figures
        }

        /// nil when the suite gives no expected checksum.
        public var checksumMatches: Bool? {
            guard let expectedChecksum, let checksum else { return nil }
            return expectedChecksum == checksum
        }
    }

    /// Workloads whose checksum differs from the one the suite expects.
    public var checksumMismatches: [WorkloadResult] { workloads.filter { $0.checksumMatches == false } }
    public var failures: [WorkloadResult] { workloads.filter { $0.status == .failed } }

    public static func read(_ url: URL) throws -> BenchReport {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw BenchError.unreadable(file: url.path, reason: (error as NSError).localizedDescription)
        }
        do { return try decoder.decode(BenchReport.self, from: data) } catch let DecodingError.keyNotFound(key, context) {
            throw BenchError.invalidReport(file: url.path, reason: "missing \"\(Self.path(context.codingPath + [key]))\"")
        } catch let DecodingError.typeMismatch(_, context) {
            throw BenchError.invalidReport(file: url.path, reason: "\"\(Self.path(context.codingPath))\": \(context.debugDescription)")
        } catch {
            throw BenchError.invalidReport(file: url.path, reason: "not a skein bench result (\(error))")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    public func encoded() throws -> Data {
        var data = try ProvenanceRecord.encoder.encode(self)
        data.append(0x0A)
        return data
    }

    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }
}

/// Problems reading suites and results, each naming the file.
public enum BenchError: Error, CustomStringConvertible, Sendable {
    case unreadable(file: String, reason: String)
    case invalidReport(file: String, reason: String)
    case nonDeterministic(workload: String, first: String, later: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason): "\(file): cannot read: \(reason)"
        case let .invalidReport(file, reason): "\(file): \(reason)"
        case let .nonDeterministic(workload, first, later):
            "\(workload): the result changed between runs (checksum \(first.prefix(12))… then \(later.prefix(12))…); a benchmark needs a deterministic workload"
        }
    }
}

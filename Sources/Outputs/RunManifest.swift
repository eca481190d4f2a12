import Foundation

/// `manifest.json` of a run folder, written last: the resolved scenario and where it came from,
/// seed, replicates and threads, the kernel that ran, the software and BLAS, timings, and the
/// SHA-256 of every other file (so a folder can be checked, and compared across machines).
public struct RunManifest: Codable, Sendable, Equatable {
    public struct Software: Codable, Sendable, Equatable {
        public var version: String
        public var commit: String
        public var dirty: Bool
        public init(version: String, commit: String, dirty: Bool) {
            self.version = version
            self.commit = commit
            self.dirty = dirty
        }
    }

    public struct BLAS: Codable, Sendable, Equatable {
        public var library: String
        public var version: String
        public var threads: Int
        public init(library: String, version: String, threads: Int) {
            self.library = library
            self.version = version
            self.threads = threads
        }
    }

    public struct Timings: Codable, Sendable, Equatable {
        public var network: Double
        public var simulation: Double
        public var writing: Double
        public init(network: Double, simulation: Double, writing: Double) {
            self.network = network
            self.simulation = simulation
            self.writing = writing
        }
    }

    /// The scenario file as given to `skein run` (a notebook reruns it from there).
    public var scenarioFile: String
    /// The `--set path=value` overrides it was run with, in order (nil in folders from before they
    /// were recorded): with `scenarioFile` and `seed`, the command that remakes the folder.
    public var overrides: [String]?
    /// The document after `extends:` and `--set`, as run.
    public var scenario: JSONValue
    /// SHA-256 of `scenario` as key-sorted compact JSON.
    public var scenarioSHA256: String
    public var seed: UInt64
    public var replicates: Int
    public var threads: Int
    /// "frontier", a batched kernel's name, or "frontier+<batched>" after a pilot replicate.
    public var kernel: String?
    public var skein: Software
    public var blas: BLAS
    public var compiler: String
    public var timingsSeconds: Timings
    /// File name → SHA-256 of its bytes.
    public var outputs: [String: String]
    /// ISO 8601.
    public var created: String

    public init(scenarioFile: String, scenario: JSONValue, scenarioSHA256: String, seed: UInt64, replicates: Int, threads: Int,
                kernel: String?, skein: Software, blas: BLAS, compiler: String, timingsSeconds: Timings, outputs: [String: String],
                created: String) {
        self.scenarioFile = scenarioFile
        self.scenario = scenario
        self.scenarioSHA256 = scenarioSHA256
        self.seed = seed
        self.replicates = replicates
        self.threads = threads
        self.kernel = kernel
        self.skein = skein
        self.blas = blas
        self.compiler = compiler
        self.timingsSeconds = timingsSeconds
        self.outputs = outputs
        self.created = created
    }

    enum CodingKeys: String, CodingKey {
        case scenario, seed, replicates, threads, kernel, skein, blas, compiler, outputs, created, overrides
        case scenarioFile = "scenario_file", scenarioSHA256 = "scenario_sha256", timingsSeconds = "timings_seconds"
    }

    /// The arguments of `skein` that remake the folder from its scenario file (at `file`, as the
    /// caller reaches it): every override, then the seed and replicates.
    public func rerunArguments(file: String) -> [String] {
        ["run", file] + (overrides ?? []).flatMap { ["--set", $0] } + ["--seed", "\(seed)", "--replicates", "\(replicates)"]
    }

    /// The scenario's description, as the report's lead.
    public var scenarioDescription: String? { scenario["description"]?.string }
}

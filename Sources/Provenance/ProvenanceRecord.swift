import Foundation
import NumericCore

/// Everything a researcher records next to a result so that someone else can reproduce it:
/// which Skein, which compiler, which BLAS with how many threads, on what machine.
///
/// Encoded with snake_case keys by `ProvenanceRecord.encoder`; `skein doctor --json` prints it and
/// every run manifest and benchmark result embeds it.
public struct ProvenanceRecord: Codable, Sendable, Equatable {
    public struct Skein: Codable, Sendable, Equatable {
        public var version: String
        public var commit: String
        public var commitDate: String
        public var dirty: Bool
    }

    public struct BLASLibrary: Codable, Sendable, Equatable {
        public var library: String
        public var version: String
        public var coreName: String
        public var threadingModel: String
        public var threads: Int
        public var configuration: String
    }

    public var skein: Skein
    public var compiler: String
    public var blas: BLASLibrary
    /// Threads Skein's own parallel loops use (`--threads` or SKEIN_THREADS, else every core).
    public var computeThreads: Int
    public var machine: MachineInfo

    /// The record for this process as it is configured now.
    public static func current() -> ProvenanceRecord {
        ProvenanceRecord(
            skein: Skein(version: BuildInfo.version, commit: BuildInfo.commit, commitDate: BuildInfo.commitDate,
                         dirty: BuildInfo.dirty),
            compiler: BuildInfo.compiler,
            blas: BLASLibrary(library: "OpenBLAS", version: BLASRuntime.version, coreName: BLASRuntime.coreName,
                              threadingModel: BLASRuntime.threadingModel, threads: BLASRuntime.threads,
                              configuration: BLASRuntime.configuration.trimmingCharacters(in: .whitespaces)),
            computeThreads: Compute.threads,
            machine: MachineInfo.current()
        )
    }

    /// Pretty, key-sorted, snake_case JSON: stable output that diffs cleanly.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

import Foundation
import Tables

/// A plan's folder made whole or not at all (AtomicFolder: a staging folder beside it, renamed into
/// place), so a task, `status` or `merge` never meets half a plan.
public enum PlanFolder {
    public struct File {
        public var name: String
        public var data: Data
        /// Scripts are made executable.
        public var executable: Bool

        public init(_ name: String, _ data: Data, executable: Bool = false) {
            self.name = name
            self.data = data
            self.executable = executable
        }
    }

    /// The plan as JSON, the way every plan.json is written (sorted keys, slashes as they are).
    public static func json<T: Encodable>(_ plan: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(plan)
    }

    /// Creates `directory` (which must not exist) with `files`, `shards/` and `logs/`, through
    /// AtomicFolder's exclusively created staging folder.
    public static func create(_ directory: URL, files: [File]) throws {
        try AtomicFolder.write(directory, force: false) { staging in
            let fm = FileManager.default
            try fm.createDirectory(at: staging.appendingPathComponent("shards"), withIntermediateDirectories: false)
            try fm.createDirectory(at: staging.appendingPathComponent("logs"), withIntermediateDirectories: false)
            for file in files {
                let url = staging.appendingPathComponent(file.name)
                try file.data.write(to: url, options: [.withoutOverwriting])
                if file.executable { try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
            }
        }
    }
}

import Foundation

/// A plan's folder made whole or not at all: its files and empty `shards/` and `logs/` written into a
/// staging folder beside it, then renamed into place, so a task, `status` or `merge` never meets half
/// a plan.
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

    /// Creates `directory` (which must not exist) with `files`, `shards/` and `logs/`.
    public static func create(_ directory: URL, files: [File]) throws {
        let fm = FileManager.default
        let parent = directory.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(directory.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging.appendingPathComponent("shards"), withIntermediateDirectories: true)
            try fm.createDirectory(at: staging.appendingPathComponent("logs"), withIntermediateDirectories: true)
            for file in files {
                let url = staging.appendingPathComponent(file.name)
                try file.data.write(to: url)
                if file.executable { try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
            }
            try fm.moveItem(at: staging, to: directory)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }
}

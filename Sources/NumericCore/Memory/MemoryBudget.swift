import Foundation

/// How much memory a request may take, checked before the allocation rather than discovered by
/// the allocator's abort: the smaller of the machine's memory and the process's cgroup limit
/// (containers, Slurm jobs), or `SKEIN_MEMORY` (bytes, or with a K/M/G/T suffix) when set.
public enum MemoryBudget {
    public struct Exceeded: Error, CustomStringConvertible, Equatable {
        public let what: String
        public let bytes: Double
        public let budget: Double
        public var description: String {
            "\(what) would need \(MemoryBudget.format(bytes)), more than the \(MemoryBudget.format(budget)) "
                + (MemoryBudget.limit == nil ? "this machine allows (--memory-limit or SKEIN_MEMORY sets the budget)" : "--memory-limit allows")
        }
    }

    /// `--memory-limit`: set by the command line before any work, it replaces what the machine allows.
    nonisolated(unsafe) public static var limit: Double?

    /// The budget in bytes: `limit` when set, else what the machine allows.
    public static var bytes: Double { limit ?? machine }

    /// What the machine allows, read once per process (it is checked on every run; reading the
    /// cgroup files each time cost a millisecond workload a tenth of its time).
    static let machine: Double = {
        if let text = ProcessInfo.processInfo.environment["SKEIN_MEMORY"], let value = parse(text) { return value }
        var limit = Double(ProcessInfo.processInfo.physicalMemory)
        for file in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: file, encoding: .utf8), let value = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)),
               value > 0 { limit = min(limit, value) }
        }
        return limit
    }()

    /// Throws when `bytes` (an estimate of what `what` allocates) exceeds the budget.
    public static func check(_ bytes: Double, for what: @autoclosure () -> String) throws {
        let budget = Self.bytes
        guard bytes <= budget else { throw Exceeded(what: what(), bytes: bytes, budget: budget) }
    }

    /// "12", "512M", "8G", "1.5T" → bytes.
    public static func parse(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let scale: [Character: Double] = ["K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024]
        if let last = t.last, let factor = scale[last] { return Double(t.dropLast()).map { $0 * factor } }
        return Double(t)
    }

    static func format(_ bytes: Double) -> String {
        let gib = 1024.0 * 1024 * 1024
        return bytes >= gib ? String(format: "%.1f GB", bytes / gib) : String(format: "%.0f MB", bytes / (1024 * 1024))
    }
}

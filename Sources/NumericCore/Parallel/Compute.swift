import Foundation

/// How many cores Skein's work may use, shared by BLAS and Skein's own parallel loops.
///
/// A task-local value, so a command sets it once (`--threads`) and every kernel below reads it.
/// Results never depend on it: parallel loops partition work by problem size, not by thread
/// count, and every random stream is keyed by (seed, replicate, purpose).
public enum Compute {
    /// Cores this process may run on.
    public static let availableCores: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// The default thread count: `SKEIN_THREADS` when set to a positive integer, else all cores.
    public static let defaultThreads: Int = {
        if let text = ProcessInfo.processInfo.environment["SKEIN_THREADS"], let n = Int(text), n > 0 {
            return n
        }
        return availableCores
    }()

    @TaskLocal public static var threads: Int = defaultThreads

    /// Runs `body` with `count` threads for Skein's loops and for BLAS calls made outside them.
    public static func withThreads<R>(_ count: Int, _ body: () throws -> R) rethrows -> R {
        let count = max(1, count)
        let previous = BLASRuntime.threads
        BLASRuntime.setThreads(count)
        defer { BLASRuntime.setThreads(previous) }
        return try $threads.withValue(count) { try body() }
    }
}

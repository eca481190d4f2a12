import ArgumentParser
import Foundation
import NumericCore

/// `--threads`, shared by every command that computes.
struct ComputeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Threads for Skein and BLAS together (default: SKEIN_THREADS, else every core). Results do not depend on it.",
        valueName: "n"))
    var threads: Int?

    @Option(name: .customLong("memory-limit"), help: ArgumentHelp(
        "Refuse work that would need more memory than this (e.g. 8G; default: the machine's memory or cgroup limit, or SKEIN_MEMORY).",
        valueName: "bytes"))
    var memoryLimit: String?

    @Option(name: .customLong("time-limit"), help: ArgumentHelp(
        "Refuse work estimated (from a pilot replicate) to take longer than this: 90s, 30m, 2h, 1:30:00, 2-00:00:00 (default: SKEIN_TIME_LIMIT, else none).",
        valueName: "duration"))
    var timeLimit: String?

    func validate() throws {
        if let timeLimit {
            guard let seconds = TimeBudget.parse(timeLimit), seconds > 0 else {
                throw ValidationError("--time-limit must be a duration such as 90s, 30m, 2h or 1:30:00 (got \(timeLimit))")
            }
            TimeBudget.limit = seconds
        }
        if let threads, threads < 1 {
            throw ValidationError("--threads must be at least 1 (got \(threads))")
        }
        if let memoryLimit {
            guard let bytes = MemoryBudget.parse(memoryLimit), bytes > 0 else {
                throw ValidationError("--memory-limit must be a size such as 512M, 8G or 1.5T (got \(memoryLimit))")
            }
            MemoryBudget.limit = bytes
        }
        // Results never depend on the thread count; far more threads than cores only costs memory
        // (a stack and a worker state each) and time.
        let cores = ProcessInfo.processInfo.activeProcessorCount, limit = max(64, 8 * cores)
        if let threads, threads > limit {
            throw ValidationError("--threads \(threads) is more than \(limit) (8 per core, \(cores) cores here); results are the same at any thread count")
        }
    }

    /// Runs `body` with the chosen thread count applied to Skein's loops and to OpenBLAS.
    func run<R>(_ body: () throws -> R) rethrows -> R {
        try Compute.withThreads(threads ?? Compute.defaultThreads, body)
    }
}

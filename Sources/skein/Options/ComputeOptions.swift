import ArgumentParser
import Foundation
import NumericCore

/// `--threads`, shared by every command that computes.
struct ComputeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Threads for Skein and BLAS together (default: SKEIN_THREADS, else every core). Results do not depend on it.",
        valueName: "n"))
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 {
            throw ValidationError("--threads must be at least 1 (got \(threads))")
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

import Dispatch

/// Static data-parallel loops over index ranges.
///
/// Work is cut into chunks whose boundaries depend only on the problem (never on the thread count),
/// so a loop that reduces per chunk gives bit-identical results on 1 thread or 64. While workers run,
/// OpenBLAS is held at one thread so that a BLAS call inside a chunk cannot oversubscribe the cores.
public enum Parallel {
    /// Splits 0..<count into chunks of at least `grain` items and runs `body` on each, concurrently
    /// when `Compute.threads` > 1. Chunk `c` covers `chunkRange(c)`; the chunks run in any order.
    public static func forEachChunk(
        count: Int, grain: Int = 1024, _ body: (_ chunk: Int, _ range: Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        let chunks = chunkCount(count: count, grain: grain)
        let threads = min(Compute.threads, chunks)
        if threads <= 1 {
            for c in 0..<chunks { body(c, chunkRange(c, chunks: chunks, count: count)) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendable(body)
            runWorkers(threads: threads, chunks: chunks) { c in
                box.value(c, chunkRange(c, chunks: chunks, count: count))
            }
        }
    }

    /// Runs `body(i)` for every i in 0..<count with dynamic load balancing (a shared counter), for
    /// items of very uneven cost such as replicates or BFS sources. Each item must write only its own
    /// output slot; the order items run in must not matter.
    public static func forEach(count: Int, _ body: (_ index: Int) -> Void) {
        guard count > 0 else { return }
        let threads = min(Compute.threads, count)
        if threads <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendable(body)
            runWorkers(threads: threads, chunks: count) { i in box.value(i) }
        }
    }

    /// Runs `body(&state, i)` for every i in 0..<count with dynamic load balancing, where each
    /// worker makes its `state` (scratch buffers) once and reuses it for every item it takes: one
    /// allocation per worker, not per item. Items must not depend on each other or on which
    /// worker runs them (replicates with their own random streams), so results do not depend on
    /// the thread count.
    public static func forEach<State>(count: Int, workerState: () -> State, _ body: (inout State, Int) -> Void) {
        guard count > 0 else { return }
        let threads = min(Compute.threads, count)
        if threads <= 1 {
            var state = workerState()
            for i in 0..<count { body(&state, i) }
            return
        }
        let items = AtomicCounter()
        withoutActuallyEscaping(workerState) { workerState in
        withoutActuallyEscaping(body) { body in
            let make = UncheckedSendable(workerState), run = UncheckedSendable(body)
            runWorkers(threads: threads, chunks: threads) { _ in
                var state = make.value()
                while true {
                    let i = items.next()
                    if i >= count { break }
                    run.value(&state, i)
                }
            }
        }
        }
    }

    /// The number of chunks for `count` items of at least `grain` each, capped at 4096.
    public static func chunkCount(count: Int, grain: Int) -> Int {
        max(1, min(4096, count / max(1, grain)))
    }

    /// Chunk `c` of `chunks` equal parts of 0..<count.
    @inlinable
    public static func chunkRange(_ c: Int, chunks: Int, count: Int) -> Range<Int> {
        let base = count / chunks, extra = count % chunks
        let start = c * base + min(c, extra)
        return start..<(start + base + (c < extra ? 1 : 0))
    }

    /// `threads` workers pull task indices from a shared atomic counter until all are done.
    private static func runWorkers(threads: Int, chunks: Int, _ task: @escaping @Sendable (Int) -> Void) {
        let counter = AtomicCounter()
        let previousBLASThreads = BLASRuntime.threads
        BLASRuntime.setThreads(1)
        defer { BLASRuntime.setThreads(previousBLASThreads) }
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let c = counter.next()
                if c >= chunks { break }
                task(c)
            }
        }
    }
}

/// Hands a value (usually a buffer pointer) to parallel workers that each touch disjoint elements
/// of it: the one place Skein vouches for sendability by hand.
public struct UncheckedSendable<T>: @unchecked Sendable {
    public let value: T
    @inlinable public init(_ value: T) { self.value = value }
}

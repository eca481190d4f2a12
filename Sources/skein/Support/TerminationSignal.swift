import Foundation
import Synchronization

/// SIGTERM and SIGINT turned into a request to stop at the next safe point. Slurm sends SIGTERM at a
/// job's time limit, on preemption and on `scancel`, then SIGKILL after its KillWait: a sweep that
/// hears it finishes the point in flight if that takes less than `grace` seconds, commits it, and
/// exits 143 with what it kept said on standard error. A point that would outlast the grace is
/// abandoned instead (its transaction never commits, so nothing half-written remains). A second
/// signal a second or more after the first exits at once; one sooner is the same request again
/// (`scancel` can deliver SIGTERM both to the batch shell and to every process of the job, which
/// with `exec` is one process).
///
/// The handler only stores the signal's number in an atomic (all a handler may safely do; Linux's
/// dispatch signal sources miss signals once they are ignored); a watcher thread keeps the grace.
final class TerminationSignal: Sendable {
    /// The first signal received, 0 for none; shared with the C handler, so process-wide.
    static let received = Atomic<Int32>(0)
    /// When it came (CLOCK_MONOTONIC nanoseconds), for telling a repeat from a second request.
    static let receivedAt = Atomic<Int64>(0)

    /// Monotonic nanoseconds; clock_gettime is async-signal-safe.
    static func now() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
    }

    /// The grace before an abandoned point: SKEIN_STOP_GRACE seconds, default 20 (under Slurm's
    /// default KillWait of 30 s).
    static var defaultGrace: Double {
        ProcessInfo.processInfo.environment["SKEIN_STOP_GRACE"].flatMap(Double.init).map { max(0, $0) } ?? 20
    }

    /// Starts listening; `abandoned(signal)` is printed when the grace runs out.
    init(grace: Double = TerminationSignal.defaultGrace, abandoned: @escaping @Sendable (Int32) -> String) {
        _ = Self.received.load(ordering: .relaxed)  // initialised before any handler can run
        _ = Self.receivedAt.load(ordering: .relaxed)
        for number in [SIGTERM, SIGINT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                let now = TerminationSignal.now()
                // The time first, so a signal nested in this handler never sees a signal without one.
                _ = TerminationSignal.receivedAt.compareExchange(expected: 0, desired: now, ordering: .sequentiallyConsistent)
                let (exchanged, _) = TerminationSignal.received.compareExchange(expected: 0, desired: number, ordering: .sequentiallyConsistent)
                if !exchanged, now - TerminationSignal.receivedAt.load(ordering: .sequentiallyConsistent) >= 1_000_000_000 {
                    let message: StaticString = "skein: a second signal: exiting at once; the point in flight is abandoned\n"
                    _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
                    _exit(128 + number)
                }
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
        Self.unblock([SIGTERM, SIGINT])
        let thread = Thread {
            while Self.received.load(ordering: .sequentiallyConsistent) == 0 { usleep(50_000) }
            let number = Self.received.load(ordering: .sequentiallyConsistent)
            usleep(UInt32(min(grace, 3600) * 1_000_000))
            FileHandle.standardError.write(Data((abandoned(number) + "\n").utf8))
            _exit(128 + number)
        }
        thread.start()
    }

    /// A process inherits its parent's blocked signals (a test runner's worker thread, a shell's
    /// job control): unblocked here, or the handler would never run.
    static func unblock(_ signals: [Int32]) {
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// The signal received, if any.
    var received: Int32? {
        let n = Self.received.load(ordering: .sequentiallyConsistent)
        return n == 0 ? nil : n
    }

    var requested: Bool { received != nil }

    static func name(_ number: Int32) -> String { number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)" }
}

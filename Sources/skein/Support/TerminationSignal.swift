import Foundation
import Synchronization

/// SIGTERM and SIGINT turned into a request to stop at the next safe point. Slurm sends SIGTERM at a
/// job's time limit, on preemption and on `scancel`, then SIGKILL after its KillWait: a sweep that
/// hears it finishes the point in flight if that takes less than `grace` seconds, commits it, and
/// exits 143 with what it kept said on standard error. A point that would outlast the grace is
/// abandoned instead (its transaction never commits, so nothing half-written remains); a second
/// signal exits at once.
///
/// The handler only stores the signal's number in an atomic (all a handler may safely do; Linux's
/// dispatch signal sources miss signals once they are ignored); a watcher thread keeps the grace.
final class TerminationSignal: Sendable {
    /// The first signal received, 0 for none; shared with the C handler, so process-wide.
    static let received = Atomic<Int32>(0)

    /// The grace before an abandoned point: SKEIN_STOP_GRACE seconds, default 20 (under Slurm's
    /// default KillWait of 30 s).
    static var defaultGrace: Double {
        ProcessInfo.processInfo.environment["SKEIN_STOP_GRACE"].flatMap(Double.init).map { max(0, $0) } ?? 20
    }

    /// Starts listening; `abandoned(signal)` is printed when the grace runs out.
    init(grace: Double = TerminationSignal.defaultGrace, abandoned: @escaping @Sendable (Int32) -> String) {
        _ = Self.received.load(ordering: .relaxed)  // initialised before any handler can run
        for number in [SIGTERM, SIGINT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                let (exchanged, _) = TerminationSignal.received.compareExchange(expected: 0, desired: number, ordering: .sequentiallyConsistent)
                if !exchanged { _exit(128 + number) }
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
        let thread = Thread {
            while Self.received.load(ordering: .sequentiallyConsistent) == 0 { usleep(50_000) }
            let number = Self.received.load(ordering: .sequentiallyConsistent)
            usleep(UInt32(min(grace, 3600) * 1_000_000))
            FileHandle.standardError.write(Data((abandoned(number) + "\n").utf8))
            _exit(128 + number)
        }
        thread.start()
    }

    /// The signal received, if any.
    var received: Int32? {
        let n = Self.received.load(ordering: .sequentiallyConsistent)
        return n == 0 ? nil : n
    }

    var requested: Bool { received != nil }

    static func name(_ number: Int32) -> String { number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)" }
}

import Foundation
import Synchronization

/// A progress bar with ETA on standard error, drawn only when both standard output and standard
/// error are terminals (never in CI logs, pipes or `--json` runs). Thread-safe and throttled to
/// ten redraws a second, so workers may report after every replicate.
final class ProgressBar: Sendable {
    let total: Int
    let label: String
    let enabled: Bool
    private let state: Mutex<(lastDraw: UInt64, done: Int)>
    private let start = DispatchTime.now().uptimeNanoseconds

    init(total: Int, label: String, quiet: Bool = false) {
        self.total = total
        self.label = label
        enabled = !quiet && isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
        state = Mutex((0, 0))
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let line: String? = state.withLock { s in
            guard done > s.done, done == total || now - s.lastDraw > 100_000_000 else { return nil }
            s = (now, done)
            let elapsed = Double(now - start) / 1e9
            let fraction = Double(done) / Double(max(1, total))
            let width = 30
            let filled = Int(fraction * Double(width))
            let eta = done > 0 && done < total ? elapsed / Double(done) * Double(total - done) : 0
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            return "\r\(label) \(bar) \(done)/\(total)  \(Self.clock(elapsed)) elapsed" + (done < total ? ", ETA \(Self.clock(eta))  " : "        ")
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}

import Foundation

/// How long a request may take, checked before the work starts from a measured estimate: set by
/// `--time-limit` or `SKEIN_TIME_LIMIT` (a batch job's wall time, a workshop's break). Unlike memory
/// there is no machine limit, so without one nothing is refused; `skein validate` still says the
/// estimate.
public enum TimeBudget {
    public struct Exceeded: Error, CustomStringConvertible, Equatable {
        public let what: String
        public let seconds: Double
        public let limit: Double
        public init(what: String, seconds: Double, limit: Double) {
            self.what = what
            self.seconds = seconds
            self.limit = limit
        }
        public var description: String {
            "\(what) would take about \(TimeBudget.format(seconds)), more than the \(TimeBudget.format(limit)) --time-limit allows"
        }
    }

    /// `--time-limit`, set by the command line before any work; else `SKEIN_TIME_LIMIT`.
    nonisolated(unsafe) public static var limit: Double? = ProcessInfo.processInfo.environment["SKEIN_TIME_LIMIT"].flatMap(parse)

    /// Throws when the estimate `seconds` for `what` exceeds the limit (none: never).
    public static func check(_ seconds: Double, for what: @autoclosure () -> String) throws {
        guard let limit, seconds > limit else { return }
        throw Exceeded(what: what(), seconds: seconds, limit: limit)
    }

    /// Slurm's forms and suffixed numbers: "90" and "90s" (seconds), "30m", "2h", "1d", "45:00",
    /// "1:30:00", "2-12:00:00".
    public static func parse(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !t.isEmpty else { return nil }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        if let last = t.last, let unit = units[last] { return Double(t.dropLast()).flatMap { $0 >= 0 ? $0 * unit : nil } }
        var days = 0.0, clock = Substring(t)
        if let dash = t.firstIndex(of: "-") {
            guard let d = Double(t[..<dash]), d >= 0 else { return nil }
            days = d
            clock = t[t.index(after: dash)...]
        }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false).map { Double($0) }
        guard !parts.isEmpty, parts.count <= 3, parts.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        let values = parts.map { $0! }
        // One part: seconds ("90"); two: minutes and seconds; three: hours, minutes, seconds (Slurm's).
        let seconds = values.count == 1 ? values[0] : values.count == 2 ? values[0] * 60 + values[1] : values[0] * 3600 + values[1] * 60 + values[2]
        return days * 86_400 + seconds
    }

    /// "0.4 s", "12 s", "3.5 min", "2.1 h", "3.2 days".
    public static func format(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        if seconds < 120 { return String(format: "%.0f s", seconds) }
        if seconds < 7200 { return String(format: "%.1f min", seconds / 60) }
        if seconds < 172_800 { return String(format: "%.1f h", seconds / 3600) }
        return String(format: "%.1f days", seconds / 86_400)
    }
}

import Foundation

/// How a `RunMetric` reads in summaries, reports and answers: its name for people, and how its
/// values are written (shares as percentages and their differences as points, times in the
/// scenario's unit, counts as people, levels to three decimals).
public struct MeasureText: Sendable {
    public enum Kind: Sendable { case share, time, count, level }

    public let metric: String
    public let label: String
    public let kind: Kind

    /// `outcome` names commitment "opinion" in the opinion models, where commitment holds the opinion.
    public init(_ metric: String, outcome: String = "adoption") {
        self.metric = metric
        let opinion = outcome == "opinion"
        switch RunMetric(rawValue: metric) {
        case .reachShare?: (label, kind) = (opinion ? "share holding the view" : "reach", .share)
        case .finalReach?: (label, kind) = ("people reached", .count)
        case .finalAdopted?: (label, kind) = (opinion ? "people holding the view at the end" : "still practising", .count)
        case .timeTo50?: (label, kind) = ("time to half reached", .time)
        case .timeTo90?: (label, kind) = ("time to 90% reached", .time)
        case .peakAdopted?: (label, kind) = ("peak practising at once", .count)
        case .peakTime?: (label, kind) = ("time of the peak", .time)
        case .lapses?: (label, kind) = ("lapses", .count)
        case .departures?: (label, kind) = ("departures", .count)
        case .reachInequality?: (label, kind) = ("inequality of reach (Gini)", .level)
        case .crossBoundaryShare?: (label, kind) = ("adoptions across boundaries", .share)
        case .finalCommitment?: (label, kind) = (opinion ? "mean opinion" : "mean commitment", .level)
        case .committedShare?: (label, kind) = (opinion ? "share at opinion 0.5 or more" : "share committed (0.5 or more)", .share)
        case .commitmentRetained?: (label, kind) = (opinion ? "opinion kept from its peak" : "commitment kept from its peak", .share)
        case .spread?: (label, kind) = (opinion ? "spread of opinions (SD)" : "spread of commitment (SD)", .level)
        case nil: (label, kind) = (metric, .level)
        }
    }

    /// A value: "62.4%", "11.3 weeks", "238 people", "0.412".
    public func value(_ x: Double, unit: String = "step") -> String {
        switch kind {
        case .share: return String(format: "%.1f%%", 100 * x)
        case .time: return String(format: "%.1f", x) + " " + Self.plural(unit, x)
        case .count: return String(format: "%.0f", x) + (abs(x.rounded()) == 1 ? " person" : " people")
        case .level: return String(format: "%.3f", x)
        }
    }

    /// A difference: "+54.1 points", "−3.2 weeks", "+12 people", "+0.081".
    public func difference(_ x: Double, unit: String = "step") -> String { signed(x) + suffix(abs(x), unit: unit) }

    /// A range of differences: "+96.5 to +98.4 points".
    public func differenceRange(_ low: Double, _ high: Double, unit: String = "step") -> String {
        signed(low) + " to " + difference(high, unit: unit)
    }

    /// The number of a difference with its sign, on the kind's scale: "+54.1", "−3.2", "±0".
    func signed(_ x: Double) -> String { (x > 0 ? "+" : x < 0 ? "−" : "±") + scaled(abs(x)) }

    /// What follows a difference's number: " points", " weeks", " people", nothing for levels.
    func suffix(_ magnitude: Double, unit: String) -> String {
        switch kind {
        case .share: return " points"
        case .time: return " " + Self.plural(unit, magnitude)
        case .count: return magnitude.rounded() == 1 ? " person" : " people"
        case .level: return ""
        }
    }

    /// One arm's cell in a side-by-side table: its mean, and below it the paired difference to the
    /// base with its interval (for the base: the interval of its mean), as summary.md and the report show it.
    public func cell(_ row: ComparisonRow, unit: String = "step") -> (value: String, detail: String?) {
        let shown = value(row.mean, unit: unit)
        if let d = row.difference, let low = row.differenceLow, let high = row.differenceHigh {
            return (shown, difference(d, unit: unit) + " (" + (low < high ? differenceRange(low, high, unit: unit) : "in every replicate") + ")")
        }
        return (shown, row.meanLow < row.meanHigh ? scaled(row.meanLow) + "–" + value(row.meanHigh, unit: unit) : nil)
    }

    /// A bare number of the kind's scale (for interval ends): "54.1", "3.2", "12", "0.081".
    public func scaled(_ x: Double) -> String {
        switch kind {
        case .share: return String(format: "%.1f", 100 * x)
        case .time: return String(format: "%.1f", x)
        case .count: return String(format: "%.0f", x)
        case .level: return String(format: "%.3f", x)
        }
    }

    static func plural(_ unit: String, _ x: Double) -> String {
        guard abs(x - 1) > 1e-9, !unit.hasSuffix("s") else { return unit }
        return unit + "s"
    }
}

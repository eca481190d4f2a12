import Foundation

/// The paragraph a run's summary and report open with: the headline measure as written against
/// each arm, with the paired difference and its 95% interval, in the scenario's own words (its
/// interventions' names, its step unit).
public enum AnswerText {
    /// nil when there are no arms to compare with, or the base does not define the headline measure.
    public static func paragraph(_ summary: RunSummary) -> String? {
        guard let metric = summary.measures.first, !summary.arms.isEmpty,
              let base = summary.comparison.first(where: { $0.arm == ComparisonRow.base && $0.measure == metric }) else { return nil }
        let text = MeasureText(metric, outcome: summary.outcome)
        let unit = summary.stepUnit
        let when = text.kind == .time ? "" : " at \(unit) \(summary.horizon)"
        func value(_ r: ComparisonRow) -> String {
            r.meanLow < r.meanHigh
                ? "\(text.value(r.mean, unit: unit)) (95% interval \(text.scaled(r.meanLow))–\(text.value(r.meanHigh, unit: unit)))"
                : text.value(r.mean, unit: unit)
        }
        func interval(_ low: Double, _ high: Double, pairs: Int) -> String {
            low < high ? "paired 95% interval \(text.differenceRange(low, high, unit: unit)), \(pairs) replicates"
                : "the same in all \(pairs) paired replicates"
        }
        var names: [String] = []
        for m in summary.interventions where !names.contains(m.label) { names.append(m.label) }
        let quoted = names.map { "“\($0)”" }
        var sentences: [String] = []
        // The scenario's own effect (against no interventions) first, then the alternatives.
        let arms = summary.arms.filter { $0.name == RunSummary.Arm.withoutInterventions } + summary.arms.filter { $0.name != RunSummary.Arm.withoutInterventions }
        for arm in arms {
            guard let row = summary.comparison.first(where: { $0.arm == arm.name && $0.measure == metric }),
                  let d = row.difference, let low = row.differenceLow, let high = row.differenceHigh, let pairs = row.pairs else { continue }
            let clear = low > 0 || high < 0
            if arm.name == RunSummary.Arm.withoutInterventions {
                // The effect of what the scenario does: as written minus without.
                let what = quoted.isEmpty ? "its interventions" : quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
                let verb = !clear ? "makes no clear difference to" : d < 0 ? "raises" : "lowers"
                var s = "With \(what), the scenario \(verb) \(text.label)\(when)"
                s += clear ? " from \(value(row)) without them to \(value(base))" : ": \(value(base)) as written, \(value(row)) without"
                s += ": \(text.difference(-d, unit: unit)) (\(interval(-high, -low, pairs: pairs)))."
                sentences.append(s)
            } else {
                var s = "\(arm.name.prefix(1).uppercased() + arm.name.dropFirst()): \(text.label)\(when) \(value(row)), "
                s += clear ? "\(text.difference(d, unit: unit)) against the scenario as written" : "no clear difference from the scenario as written"
                s += " (\(interval(low, high, pairs: pairs)))."
                sentences.append(s)
            }
        }
        if let vr = summary.comparison.first(where: { $0.arm != ComparisonRow.base && $0.measure == metric })?.varianceReduction, vr > 0.05 {
            sentences.append(String(format: "Every arm ran on the same random numbers, so each difference is measured replicate by replicate: "
                + "pairing removed %.0f%% of the variance independent runs would have had.", 100 * vr))
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }
}

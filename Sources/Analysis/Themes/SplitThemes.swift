import Foundation
import NumericCore

/// Themes found separately within each value of a column — the question asked, or a sentiment or
/// criticality rating — and set side by side, so praise and complaints are never clustered
/// together. Each part is its own analysis (same settings and seed); themes are numbered across
/// parts in order of the values' first appearance and labelled "value: label".
public enum SplitThemes {
    /// Analyses `texts` split by `values` (one per text). `embedded`, when given, holds a
    /// sentence encoder's rows for every text. A part with too few responses to find themes is
    /// reported as "other".
    public static func analyse(_ finder: ThemeFinder, texts: [String], values: [String], embedded: Matrix<Float>? = nil) throws -> ThemeFinder.Result {
        precondition(values.count == texts.count)
        var order: [String] = []
        var rowsOf: [String: [Int]] = [:]
        for (i, v) in values.enumerated() {
            if rowsOf[v] == nil { order.append(v) }
            rowsOf[v, default: []].append(i)
        }
        let n = texts.count
        var combined = ThemeFinder.Result(assignments: .init(repeating: -1, count: n), similarity: .init(repeating: 0, count: n), themes: [],
                                          empty: [], duplicateGroups: [], stability: nil, x: .init(repeating: .nan, count: n),
                                          y: .init(repeating: .nan, count: n), vocabulary: 0)
        var stabilityWeight = 0.0, stabilitySum = 0.0
        var timings: [String: Double] = [:], stages: [String] = []
        for value in order {
            let rows = rowsOf[value]!
            let part: ThemeFinder.Result
            do {
                let subset = rows.map { texts[$0] }
                if let embedded {
                    part = try finder.analyse(subset, embedded: embedded.gatheringRows(rows))
                } else {
                    part = try finder.analyse(subset)
                }
            } catch ThemeFinder.ThemeError.tooFew {
                continue
            }
            let offset = combined.themes.count
            for (local, global) in rows.enumerated() {
                let a = part.assignments[local]
                combined.assignments[global] = a >= 0 ? a + offset : a
                combined.similarity[global] = part.similarity[local]
                combined.x[global] = part.x[local]
                combined.y[global] = part.y[local]
            }
            for var theme in part.themes {
                theme.id += offset
                theme.label = value.isEmpty ? theme.label : "\(value): \(theme.label)"
                theme.representatives = theme.representatives.map { rows[$0] }
                theme.share = Double(theme.size) / Double(max(1, n))
                combined.themes.append(theme)
            }
            combined.empty += part.empty.map { rows[$0] }
            combined.duplicateGroups += part.duplicateGroups.map { $0.map { rows[$0] } }
            combined.nearDuplicateGroups += part.nearDuplicateGroups.map { $0.map { rows[$0] } }
            combined.vocabulary = max(combined.vocabulary, part.vocabulary)
            if let s = part.stability { stabilitySum += s * Double(rows.count); stabilityWeight += Double(rows.count) }
            for (stage, seconds) in part.timings {
                if timings[stage] == nil { stages.append(stage) }
                timings[stage, default: 0] += seconds
            }
        }
        combined.empty.sort()
        combined.duplicateGroups.sort { $0.count > $1.count }
        combined.nearDuplicateGroups.sort { $0.count > $1.count }
        combined.stability = stabilityWeight > 0 ? stabilitySum / stabilityWeight : nil
        combined.timings = stages.map { ($0, timings[$0]!) }
        return combined
    }
}

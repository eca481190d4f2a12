import Foundation
import Tables

/// Writes an opinion-group analysis: `groups.csv` (participant, group, x, y, votes), `statements.csv`
/// (representative statements per group and consensus statements), `summary.json` and `summary.md`,
/// each atomically. Statement text is untrusted: CSV cells are neutralised against formulas.
public enum OpinionGroupsWriter {
    /// `command`: the `skein` arguments that reproduce this analysis (input path absolute, no --out), kept in
    /// summary.json so a notebook can rerun it.
    public static func write(_ r: OpinionGroups.Result, matrix m: VoteMatrix, to dir: URL, command: [String] = []) throws -> [String: Any] {
        var groups = CSVWriter(header: ["participant", "group", "x", "y", "votes"])
        for (i, id) in r.participants.enumerated() {
            let clustered = r.group[i] >= 0
            groups.row([id, String(r.group[i]), clustered ? String(r.x[i]) : "", clustered ? String(r.y[i]) : "", String(m.voteCount(i))])
        }
        var statements = CSVWriter(header: ["kind", "group", "rank", "comment", "direction", "probability", "representativeness", "z", "text"])
        for (g, list) in r.representative.enumerated() {
            for (k, s) in list.enumerated() {
                statements.row(["representative", String(g), String(k + 1), s.comment, s.direction, String(s.probability),
                                String(s.representativeness), String(s.z), s.text ?? ""])
            }
        }
        for (k, s) in r.consensus.enumerated() {
            statements.row(["consensus", "", String(k + 1), s.comment, s.direction, String(s.probability), String(s.representativeness), "", s.text ?? ""])
        }
        // Agreement with the grouping pol.is exported, over participants both grouped.
        var reference: Double?
        if !m.referenceGroups.isEmpty {
            var ours: [Int] = [], theirs: [Int] = []
            for (i, id) in r.participants.enumerated() where r.group[i] >= 0 {
                if let g = m.referenceGroups[id] { ours.append(r.group[i]); theirs.append(g) }
            }
            if ours.count > 1 { reference = AdjustedRandIndex.score(ours, theirs) }
        }
        let summary: [String: Any] = [
            "participants": r.participants.count,
            "command": command,
            "clustered": r.group.filter { $0 >= 0 }.count,
            "statements_used": r.statementsUsed,
            "groups": r.groupSizes.count,
            "group_sizes": r.groupSizes,
            "minimum_group_size": r.minimumGroupSize,
            "silhouette": Dictionary(uniqueKeysWithValues: r.silhouettes.map { (String($0.key), $0.value.map { $0 as Any } ?? NSNull()) }),
            "explained_variance": r.explainedVariance,
            "adjusted_rand_index_vs_polis": reference.map { $0 as Any } ?? NSNull(),
            "representative": r.representative.map { $0.map { ["comment": $0.comment, "direction": $0.direction, "probability": $0.probability,
                                                             "representativeness": $0.representativeness, "text": $0.text ?? ""] as [String: Any] } },
            "consensus": r.consensus.map { ["comment": $0.comment, "probability": $0.probability, "text": $0.text ?? ""] as [String: Any] },
        ]
        var md = "# Opinion groups\n\n\(r.group.filter { $0 >= 0 }.count) of \(r.participants.count) participants voted on enough of the \(r.statementsUsed) statements to be placed; "
        md += "they form \(r.groupSizes.count) group\(r.groupSizes.count == 1 ? "" : "s") of \(r.groupSizes.map(String.init).joined(separator: ", ")) people.\n"
        if let reference { md += "\nAgreement with the groups pol.is exported (adjusted Rand index): \(String(format: "%.2f", reference)).\n" }
        for (g, list) in r.representative.enumerated() {
            md += "\n## Group \(g) (\(r.groupSizes[g]) people)\n\nWhat sets this group apart:\n\n"
            if list.isEmpty { md += "- (no statement stands out significantly)\n" }
            for s in list {
                md += "- \(s.direction == "agree" ? "Agrees" : "Disagrees") (\(String(format: "%.0f%%", 100 * s.probability))): \(Self.quote(s.text ?? "statement \(s.comment)"))\n"
            }
        }
        md += "\n## Common ground\n\n"
        if r.consensus.isEmpty { md += "- (no statement has a majority of every group agreeing)\n" }
        for s in r.consensus { md += "- \(Self.quote(s.text ?? "statement \(s.comment)"))\n" }
        try AtomicFile.write(groups.text, to: dir.appendingPathComponent("groups.csv"))
        try AtomicFile.write(statements.text, to: dir.appendingPathComponent("statements.csv"))
        try AtomicFile.write(try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys]), to: dir.appendingPathComponent("summary.json"))
        try AtomicFile.write(md, to: dir.appendingPathComponent("summary.md"))
        return summary
    }

    static func quote(_ s: String) -> String { "“\(MarkdownText.escape(s))”" }
}

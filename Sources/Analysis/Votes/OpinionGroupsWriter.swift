import Foundation
import Outputs
import Tables

/// Writes an opinion-group analysis: `groups.csv` (participant, group, x, y, votes), `statements.csv`
/// (representative statements per group and consensus statements), `summary.json` and `summary.md`,
/// each atomically. Statement text is untrusted: CSV cells are neutralised against formulas.
public enum OpinionGroupsWriter {
    /// `command`: the `skein` arguments that reproduce this analysis (input path absolute, no --out), kept in
    /// summary.json so a notebook can rerun it.
    public static func write(_ r: OpinionGroups.Result, matrix m: VoteMatrix, to dir: URL, command: [String] = []) throws -> VotesSummary {
        var groups = CSVWriter(header: AnalysisFolder.groupColumns)
        for (i, id) in r.participants.enumerated() {
            let clustered = r.group[i] >= 0
            groups.row([id, String(r.group[i]), clustered ? String(r.x[i]) : "", clustered ? String(r.y[i]) : "", String(m.voteCount(i))])
        }
        var statements = CSVWriter(header: AnalysisFolder.statementColumns)
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
        var silhouette: [String: Double?] = [:]
        for (k, score) in r.silhouettes { silhouette.updateValue(score, forKey: String(k)) }  // null where undefined
        let summary = VotesSummary(
            participants: r.participants.count, command: command, clustered: r.group.filter { $0 >= 0 }.count,
            statementsUsed: r.statementsUsed, groups: r.groupSizes.count, groupSizes: r.groupSizes,
            minimumGroupSize: r.minimumGroupSize, silhouette: silhouette, explainedVariance: r.explainedVariance,
            adjustedRandIndexVsPolis: reference,
            representative: r.representative.map { $0.map { .init(comment: $0.comment, direction: $0.direction, probability: $0.probability,
                                                                    representativeness: $0.representativeness, text: $0.text ?? "") } },
            consensus: r.consensus.map { .init(comment: $0.comment, probability: $0.probability, text: $0.text ?? "") })
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
        try AtomicFile.write(groups.text, to: dir.appendingPathComponent(AnalysisFolder.File.groups))
        try AtomicFile.write(statements.text, to: dir.appendingPathComponent(AnalysisFolder.File.statements))
        try AtomicFile.write(try RunFolder.encoder.encode(summary), to: dir.appendingPathComponent(AnalysisFolder.File.votesSummary))
        try AtomicFile.write(md, to: dir.appendingPathComponent(AnalysisFolder.File.account))
        return summary
    }

    static func quote(_ s: String) -> String { "“\(MarkdownText.escape(s))”" }
}

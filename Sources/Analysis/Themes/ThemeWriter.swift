import Foundation
import NumericCore
import Outputs
import Tables

/// Writes a theme analysis: `assignments.csv` (one row per response in input order: row, id,
/// theme — −1 for other and empty — similarity, status, --by columns), `themes.csv`, `themes.json`,
/// `summary.md`, `themes-history.csv` (each response's fitted theme beside its edited one) and
/// `themes.xlsx` (themes, assignments with the text, breakdowns, history and edits as sheets),
/// each atomically. Response text is untrusted: CSV cells are neutralised
/// against formulas and Markdown quotes are escaped.
public enum ThemeWriter {
    /// One group's presence in a theme against the whole event.
    public typealias Presence = ThemesSummary.Presence

    public static func breakdown(_ r: ThemeFinder.Result, _ table: ResponseTable) -> [[String: [Presence]]] {
        r.themes.map { theme in
            var byColumn: [String: [Presence]] = [:]
            for (name, values) in table.groups {
                var overall: [String: Int] = [:], inTheme: [String: Int] = [:]
                for (i, v) in values.enumerated() {
                    overall[v, default: 0] += 1
                    if r.assignments[i] == theme.id { inTheme[v, default: 0] += 1 }
                }
                let n = Double(values.count), size = Double(theme.size)
                byColumn[name] = overall.keys.sorted().map { level in
                    let count = inTheme[level] ?? 0
                    let p = Double(overall[level]!) / n
                    let share = size > 0 ? Double(count) / size : 0
                    let z = size > 0 && p > 0 && p < 1 ? (Double(count) - size * p) / (size * p * (1 - p)).squareRoot() : 0
                    return Presence(level: level, count: count, shareInTheme: share, shareOverall: p, lift: p > 0 ? share / p : 0,
                                    overRepresented: share >= 1.5 * p && z >= 2)
                }
            }
            return byColumn
        }
    }

    @discardableResult
    /// `command`: the `skein` arguments that reproduce this analysis (input path absolute, no --out), kept in
    /// themes.json so a notebook can rerun it.
    public static func write(_ r: ThemeFinder.Result, table: ResponseTable, to dir: URL, command: [String] = [],
                             redactions: [Redactor.Kind: Int]? = nil, curation: ThemeCuration.Outcome? = nil, notes: [String] = []) throws -> ThemesSummary {
        let n = table.texts.count
        let history = curation ?? ThemeCuration.unedited(r)
        let emptySet = Set(r.empty)
        var duplicateOf = [Int](repeating: -1, count: n)
        for group in r.duplicateGroups { for i in group.dropFirst() { duplicateOf[i] = group[0] } }
        var assignments = CSVWriter(header: AnalysisFolder.assignmentColumns + table.groups.map(\.name))
        for i in 0..<n {
            let status = emptySet.contains(i) ? "empty" : history.notATheme.contains(i) ? "not a theme"
                : r.assignments[i] < 0 ? "other" : duplicateOf[i] >= 0 ? "duplicate" : "ok"
            assignments.integer(i)
            assignments.field(table.ids[i])
            assignments.integer(r.assignments[i])
            assignments.fixed(r.similarity[i], places: 4)
            assignments.field(status)
            if r.x[i].isFinite {
                assignments.fixed(r.x[i], places: 4)
                assignments.fixed(r.y[i], places: 4)
            } else {
                assignments.empty()
                assignments.empty()
            }
            for group in table.groups { assignments.field(group.values[i]) }
            assignments.endRow()
        }
        let presence = breakdown(r, table)
        var themes = CSVWriter(header: AnalysisFolder.themeColumns)
        for t in r.themes {
            let reps = (0..<3).map { t.representatives.count > $0 ? Quote.shortened(table.texts[t.representatives[$0]]) : "" }
            themes.row([String(t.id), String(t.size), String(format: "%.4f", t.share), t.label, t.terms.joined(separator: "; "),
                        t.bigrams.joined(separator: "; "), String(format: "%.3f", t.cohesion)] + reps)
        }
        let other = r.assignments.enumerated().filter { $0.element < 0 && !emptySet.contains($0.offset) }.count
        var json = ThemesSummary(
            file: table.file, command: command, responses: n, empty: r.empty.count, other: other,
            duplicates: r.duplicateGroups.reduce(0) { $0 + $1.count - 1 }, themesFound: r.themes.count, vocabulary: r.vocabulary,
            stability: r.stability,
            themes: r.themes.enumerated().map { k, t in
                ThemesSummary.Theme(id: t.id, size: t.size, share: t.share, label: t.label, terms: t.terms, bigrams: t.bigrams,
                                    cohesion: t.cohesion,
                                    representatives: t.representatives.map { .init(row: $0, id: table.ids[$0], text: table.texts[$0]) },
                                    breakdown: presence[k])
            },
            duplicateGroups: r.duplicateGroups.prefix(20).map { .init(count: $0.count, rows: $0, text: table.texts[$0[0]]) },
            nearDuplicates: r.nearDuplicateGroups.reduce(0) { $0 + $1.count - 1 },
            nearDuplicateGroups: r.nearDuplicateGroups.prefix(20).map { group in
                .init(count: group.count, rows: Array(group.prefix(200)), texts: group.prefix(5).map { table.texts[$0] })
            })
        json.edits = curation.map(\.records)
        json.redactions = redactions.map { counts in Dictionary(uniqueKeysWithValues: Redactor.Kind.allCases.map { ($0.rawValue, counts[$0] ?? 0) }) }
        var md = "# Themes\n\n\(n) responses"
        if !r.empty.isEmpty { md += " (\(r.empty.count) empty)" }
        md += "; \(r.themes.count) themes"
        if other > 0 { md += ", and \(other) responses too far from every theme (\"other\")" }
        md += ".\n"
        if let redactions {
            let found = Redactor.Kind.allCases.compactMap { kind in redactions[kind].map { "\($0) \(kind.placeholder)" } }
            md += "\nPersonal data redacted before analysis: " + (found.isEmpty ? "none found" : found.joined(separator: ", ")) + ".\n"
        }
        if !notes.isEmpty { md += "\n## Live\n\n" + notes.map(MarkdownText.escape).joined(separator: " ") + "\n" }
        if let curation, !curation.records.isEmpty {
            let applied = curation.records.filter(\.applied).count
            let moved = curation.rowEdits.filter { !$0.isEmpty }.count
            md += "\n## Edits\n\n\(applied) of \(curation.records.count) edits applied, \(moved) responses in another theme than fitted "
                + "(themes-history.csv sets each response's fitted theme beside its current one).\n\n"
            for e in curation.records {
                let who = [e.by.map { "by \(MarkdownText.escape($0))" }, e.at.map { "at \(MarkdownText.escape($0))" }].compactMap { $0 }.joined(separator: " ")
                md += "\(e.number). \(e.kind)\(who.isEmpty ? "" : " (\(who))"): \(e.applied ? "" : "not applied — ")\(MarkdownText.escape(e.outcome))"
                    + (e.note.map { ". Why: \(MarkdownText.escape($0))" } ?? "") + "\n"
            }
        }
        if let s = r.stability {
            md += "\nStability across three seeds (adjusted Rand index): \(String(format: "%.2f", s))."
            if s < 0.5 {
                md += " That is low: rerun with another seed and many responses change theme, so read the boundaries between"
                    + " themes as soft and the labels as the centre of each. Fewer themes (`--k`), or sentence-encoder themes"
                    + " (`--embed minilm`) where responses say the same thing in different words, usually hold together better."
            }
            md += "\n"
        }
        for (k, t) in r.themes.enumerated() {
            md += "\n## Theme \(t.id): \(MarkdownText.escape(t.label)) — \(t.size) (\(String(format: "%.1f%%", 100 * t.share)))\n\n"
            md += "Terms: \(MarkdownText.escape(t.terms.joined(separator: ", ")))\n\n"
            for i in t.representatives.prefix(3) { md += "> \(MarkdownText.escape(Quote.shortened(table.texts[i])))\n\n" }
            for (name, list) in presence[k].sorted(by: { $0.key < $1.key }) {
                let over = list.filter(\.overRepresented)
                if !over.isEmpty {
                    md += "Over-represented \(MarkdownText.escape(name)): " + over.map { "\(MarkdownText.escape($0.level)) (\(String(format: "%.1f", $0.lift))×)" }.joined(separator: ", ") + "\n\n"
                }
            }
        }
        if let top = r.nearDuplicateGroups.first, top.count > 1 {
            md += "\n## Near-duplicates\n\n\(r.nearDuplicateGroups.count) groups of near-identical responses (term sets one term apart), \(r.nearDuplicateGroups.reduce(0) { $0 + $1.count }) responses in all. The largest (\(top.count)):\n\n"
            for i in top.prefix(3) { md += "> \(MarkdownText.escape(table.texts[i]))\n\n" }
        }
        // Repeats are counted by wording (case, spacing and punctuation aside); groups of responses
        // with the same terms but other wordings are reported apart, under that name.
        var wordings: [String: (count: Int, first: Int)] = [:]
        for (i, text) in table.texts.enumerated() where !emptySet.contains(i) {
            let key = ShortAnswers.normalise(text)
            if !key.isEmpty { wordings[key, default: (0, i)].count += 1 }
        }
        let repeated = wordings.values.filter { $0.count > 1 }.sorted { ($0.count, -$0.first) > ($1.count, -$1.first) }
        if let top = repeated.first {
            md += "\n## Repeated responses\n\n\(repeated.count) wordings were given more than once; the most repeated appears \(top.count) times: "
                + "\(MarkdownText.escape(Quote.shortened(table.texts[top.first])))\n"
        }
        if let top = r.duplicateGroups.first, top.count > 1 {
            md += "\n## Same terms, other wordings\n\nThe largest group of responses with the same terms after stop words and stems holds"
                + " \(top.count), for example: \(MarkdownText.escape(Quote.shortened(table.texts[top[0]])))\n"
        }
        let labels = Dictionary(uniqueKeysWithValues: r.themes.map { ($0.id, $0.label) })
        /// One response's line of themes-history (the CSV and the workbook's sheet alike).
        func historyRow(_ i: Int) -> (id: String, original: Int, originalLabel: String, theme: Int, label: String, edits: String) {
            (table.ids[i], history.original[i], history.originalLabels[history.original[i]] ?? "", r.assignments[i],
             labels[r.assignments[i]] ?? "", history.rowEdits[i].map(String.init).joined(separator: ";"))
        }
        // The workbook (compressing it is most of the writing) is made beside the other files
        // when there is a second thread; each job writes only its own files.
        let summary = json, account = md, assignmentsData = assignments.data, themesText = themes.text
        var failures: [Error?] = [nil, nil]
        failures.withUnsafeMutableBufferPointer { slots in
            let slots = UncheckedSendable(slots)
            let job = UncheckedSendable { (i: Int) in
                do {
                    if i == 0 {
                        var historyRows: [[WorkbookWriter.Cell]] = [AnalysisFolder.historyColumns.map { .text($0) }]
                        if n <= workbookRowLimit {
                            historyRows.reserveCapacity(n + 1)
                            for i in 0..<n {
                                let row = historyRow(i)
                                historyRows.append([.number(Double(i)), .text(row.id), .number(Double(row.original)), .text(row.originalLabel),
                                                    .number(Double(row.theme)), .text(row.label), .text(row.edits)])
                            }
                        }
                        try AtomicFile.write(try WorkbookWriter.data(workbook(r, json: summary, table: table, history: historyRows, curation: curation)),
                                             to: dir.appendingPathComponent(AnalysisFolder.File.workbook))
                    } else {
                        try AtomicFile.write(assignmentsData, to: dir.appendingPathComponent(AnalysisFolder.File.assignments))
                        try AtomicFile.write(themesText, to: dir.appendingPathComponent(AnalysisFolder.File.themesTable))
                        try AtomicFile.write(try RunFolder.encoder.encode(summary), to: dir.appendingPathComponent(AnalysisFolder.File.themes))
                        try AtomicFile.write(account, to: dir.appendingPathComponent(AnalysisFolder.File.account))
                        var historyTable = CSVWriter(header: AnalysisFolder.historyColumns)
                        for i in 0..<n {
                            let row = historyRow(i)
                            historyTable.row([String(i), row.id, String(row.original), row.originalLabel, String(row.theme), row.label, row.edits])
                        }
                        try AtomicFile.write(historyTable.text, to: dir.appendingPathComponent(AnalysisFolder.File.history))
                    }
                } catch {
                    slots.value[i] = error
                }
            }
            Parallel.forEach(count: 2) { job.value($0) }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
        return json
    }

    /// Above this many responses themes.xlsx leaves the per-response sheets to the CSVs: a workbook
    /// of millions of rows is past what Excel opens (1 048 576) and what is worth holding in memory.
    public static let workbookRowLimit = 200_000

    /// The sheets of themes.xlsx: what analysts open first.
    static func workbook(_ r: ThemeFinder.Result, json: ThemesSummary, table: ResponseTable, history: [[WorkbookWriter.Cell]],
                         curation: ThemeCuration.Outcome?) -> [WorkbookWriter.Sheet] {
        typealias Cell = WorkbookWriter.Cell
        var themes: [[Cell]] = [AnalysisFolder.themeColumns.map { .text($0) }]
        for t in json.themes {
            themes.append([.number(Double(t.id)), .number(Double(t.size)), .number(t.share), .text(t.label), .text(t.terms.joined(separator: "; ")),
                           .text(t.bigrams.joined(separator: "; ")), .number(t.cohesion)]
                          + (0..<3).map { t.representatives.count > $0 ? .text(t.representatives[$0].text) : .empty })
        }
        let labels = Dictionary(uniqueKeysWithValues: r.themes.map { ($0.id, $0.label) })
        var assignments: [[Cell]] = [(["row", "id", "theme", "label", "similarity", "text"] + table.groups.map(\.name)).map { .text($0) }]
        for i in table.texts.indices where table.texts.count <= workbookRowLimit {
            assignments.append([.number(Double(i)), .text(table.ids[i]), .number(Double(r.assignments[i])), .text(labels[r.assignments[i]] ?? ""),
                                .number((r.similarity[i] * 10_000).rounded() / 10_000), .text(table.texts[i])]
                               + table.groups.map { .text($0.values[i]) })
        }
        var breakdowns: [[Cell]] = [["theme", "label", "column", "level", "count", "share_in_theme", "share_overall", "lift", "over_represented"].map { .text($0) }]
        for t in json.themes {
            for (column, list) in t.breakdown.sorted(by: { $0.key < $1.key }) {
                for p in list {
                    breakdowns.append([.number(Double(t.id)), .text(t.label), .text(column), .text(p.level), .number(Double(p.count)), .number(p.shareInTheme),
                                       .number(p.shareOverall), .number(p.lift), .text(p.overRepresented ? "yes" : "no")])
                }
            }
        }
        var sheets = [WorkbookWriter.Sheet(name: "themes", rows: themes)]
        if table.texts.count <= workbookRowLimit {
            sheets += [WorkbookWriter.Sheet(name: "assignments", rows: assignments), WorkbookWriter.Sheet(name: "breakdowns", rows: breakdowns),
                       WorkbookWriter.Sheet(name: "history", rows: history)]
        } else {
            sheets += [WorkbookWriter.Sheet(name: "breakdowns", rows: breakdowns),
                       WorkbookWriter.Sheet(name: "note", rows: [[.text("\(table.texts.count) responses: too many for a sheet; each one's theme is in assignments.csv and themes-history.csv")]])]
        }
        if let curation, !curation.records.isEmpty {
            var edits: [[Cell]] = [["edit", "kind", "themes", "created", "by", "at", "note", "applied", "outcome", "responses"].map { .text($0) }]
            for e in curation.records {
                edits.append([.number(Double(e.number)), .text(e.kind), .text(e.themes.map(String.init).joined(separator: ";")),
                              .text(e.created.map(String.init).joined(separator: ";")), e.by.map { .text($0) } ?? .empty, e.at.map { .text($0) } ?? .empty,
                              e.note.map { .text($0) } ?? .empty, .text(e.applied ? "yes" : "no"), .text(e.outcome), .number(Double(e.responses))])
            }
            sheets.append(WorkbookWriter.Sheet(name: "edits", rows: edits))
        }
        return sheets
    }
}

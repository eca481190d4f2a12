import Foundation
import Outputs
import Tables

/// A self-contained HTML report of an analysis folder: themes from `skein analyse` (theme bars with
/// shares, the 2-D map of responses coloured by theme, quotes, breakdowns with over-represented
/// groups flagged) or opinion groups from `skein analyse-votes` (group sizes, the participant map,
/// representative and consensus statements). All event text is escaped.
public enum AnalysisReport {
    public static func html(directory dir: URL) throws -> String {
        switch AnalysisFolder.kind(of: dir) {
        case .themes: return try RunReport.ReportError.reading { try themes(dir) }
        case .votes: return try RunReport.ReportError.reading { try votes(dir) }
        case nil: break
        }
        throw RunReport.ReportError(message: "\(dir.path): no themes.json or groups.csv — is this a folder written by skein analyse or analyse-votes?")
    }

    /// Up to `limit` rows of a CSV as dictionaries (every k-th row, so the map covers the whole input).
    static func rows(_ url: URL, limit: Int = 4000) throws -> [[String: String]] {
        let reader = try DelimitedReader(contentsOf: url)
        var header: [String] = []
        var all: [[String: String]] = []
        try reader.forEachRecord { r in
            let fields = try (0..<r.count).map { try r.string($0) }
            if header.isEmpty {
                if let twice = Dictionary(grouping: fields, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
                    throw TableError(file: url.path, line: r.line, message: "the header names the column \"\(twice)\" twice — is the header row missing?")
                }
                header = fields
                return
            }
            all.append(Dictionary(uniqueKeysWithValues: zip(header, fields)))
        }
        guard all.count > limit else { return all }
        let step = Double(all.count) / Double(limit)
        return (0..<limit).map { all[Int(Double($0) * step)] }
    }

    static func page(_ title: String, lead: String, facts: [(String, String)], body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) — Skein report</title>
        <style>\(RunReport.style) blockquote{margin:.4rem 0;padding:.3rem .8rem;border-left:3px solid #0072B2;background:#f5f8fb}
        .over{font-weight:600;color:#D55E00}.frame{stroke:#ccc}</style></head><body>
        <header><h1>\(HTML.escape(title))</h1><p class="lead">\(HTML.escape(lead))</p>
        <dl class="facts">\(facts.map { "<dt>\(HTML.escape($0.0))</dt><dd>\(HTML.escape($0.1))</dd>" }.joined())</dl></header>
        <main>\(body)</main><footer>Made by Skein. Response text is shown as written, escaped.</footer></body></html>

        """
    }

    static func themes(_ dir: URL) throws -> String {
        let summary = try AnalysisFolder.themes(dir)
        let themes = summary.themes
        let n = summary.responses
        var body = ""
        let bars = BarChart(title: "Themes by size", bars: themes.map { t in
            (t.label, Double(t.size), "\(t.size) (\(String(format: "%.1f%%", 100 * t.share)))")
        })
        body += "<figure>\(bars.svg())</figure>"
        let assignments = dir.appendingPathComponent(AnalysisFolder.File.assignments)
        if FileManager.default.fileExists(atPath: assignments.path) {
            let points = try rows(assignments).compactMap { r -> (x: Double, y: Double, group: Int)? in
                guard let x = r["x"].flatMap(Double.init), let y = r["y"].flatMap(Double.init) else { return nil }
                return (x, y, Int(r["theme"] ?? "") ?? -1)
            }
            if !points.isEmpty {
                var map = ScatterChart(title: "Responses on their two principal components, coloured by theme", points: points,
                                       groupNames: themes.map(\.label))
                map.id = "responses"
                body += "<figure>\(map.svg())</figure>"
            }
        }
        for t in themes {
            body += "<section><h2>Theme \(t.id): \(HTML.escape(t.label)) <small>(\(t.size), \(String(format: "%.1f%%", 100 * t.share)))</small></h2>"
            body += "<p><strong>Terms:</strong> \(HTML.escape(t.terms.joined(separator: ", ")))</p>"
            for q in t.representatives.prefix(3) { body += "<blockquote>\(HTML.escape(q.text))</blockquote>" }
            for (column, list) in t.breakdown.sorted(by: { $0.key < $1.key }) {
                body += "<table><caption>By \(HTML.escape(column))</caption><thead><tr><th>group</th><th>in theme</th><th>share in theme</th><th>share overall</th><th>lift</th></tr></thead><tbody>"
                for p in list {
                    let over = p.overRepresented
                    body += "<tr\(over ? " class=\"over\"" : "")><th scope=\"row\">\(HTML.escape(p.level))\(over ? " ▲" : "")</th><td>\(p.count)</td>"
                    body += "<td>\(String(format: "%.1f%%", 100 * p.shareInTheme))</td><td>\(String(format: "%.1f%%", 100 * p.shareOverall))</td><td>\(String(format: "%.2f", p.lift))</td></tr>"
                }
                body += "</tbody></table>"
            }
            body += "</section>"
        }
        let facts = [("Responses", "\(n)"), ("Themes", "\(themes.count)"), ("Empty", "\(summary.empty)"),
                     ("Other", "\(summary.other)"), ("Repeated", "\(summary.duplicates)"),
                     ("Stability", summary.stability.map { String(format: "%.2f", $0) } ?? "—")]
        return page("Themes", lead: "What \(n) responses say, grouped into themes (▲: a group over-represented in the theme).", facts: facts, body: body)
    }

    static func votes(_ dir: URL) throws -> String {
        let summary = try AnalysisFolder.votes(dir)
        let sizes = summary?.groupSizes ?? []
        var body = "<figure>\(BarChart(title: "Opinion groups", bars: sizes.enumerated().map { ("Group \($0.offset)", Double($0.element), "\($0.element) people") }).svg())</figure>"
        let points = try rows(dir.appendingPathComponent(AnalysisFolder.File.groups)).compactMap { r -> (x: Double, y: Double, group: Int)? in
            guard let x = r["x"].flatMap(Double.init), let y = r["y"].flatMap(Double.init) else { return nil }
            return (x, y, Int(r["group"] ?? "") ?? -1)
        }
        var map = ScatterChart(title: "Participants by how they voted, coloured by group", points: points, groupNames: sizes.indices.map { "Group \($0)" })
        map.id = "participants"
        body += "<figure>\(map.svg())</figure>"
        for (g, list) in (summary?.representative ?? []).enumerated() {
            body += "<section><h2>Group \(g) (\(g < sizes.count ? sizes[g] : 0) people): what sets it apart</h2>"
            for s in list {
                body += "<blockquote>\(s.direction == "agree" ? "Agrees" : "Disagrees") (\(String(format: "%.0f%%", 100 * s.probability))): \(HTML.escape(s.text))</blockquote>"
            }
            body += "</section>"
        }
        body += "<section><h2>Common ground</h2>"
        for s in summary?.consensus ?? [] { body += "<blockquote>\(HTML.escape(s.text))</blockquote>" }
        body += "</section>"
        let facts = [("Participants", "\(summary?.participants ?? 0)"), ("Placed", "\(summary?.clustered ?? 0)"),
                     ("Statements", "\(summary?.statementsUsed ?? 0)"), ("Groups", "\(sizes.count)"),
                     ("Agreement with pol.is (ARI)", summary?.adjustedRandIndexVsPolis.map { String(format: "%.2f", $0) } ?? "—")]
        return page("Opinion groups", lead: "Groups of participants who vote alike, and the statements that divide and unite them.", facts: facts, body: body)
    }
}

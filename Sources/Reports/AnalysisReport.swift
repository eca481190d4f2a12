import Foundation
import Tables

/// A self-contained HTML report of an analysis folder: themes from `skein analyse` (theme bars with
/// shares, the 2-D map of responses coloured by theme, quotes, breakdowns with over-represented
/// groups flagged) or opinion groups from `skein analyse-votes` (group sizes, the participant map,
/// representative and consensus statements). All event text is escaped.
public enum AnalysisReport {
    public static func html(directory dir: URL) throws -> String {
        if FileManager.default.fileExists(atPath: dir.appendingPathComponent("themes.json").path) { return try themes(dir) }
        if FileManager.default.fileExists(atPath: dir.appendingPathComponent("groups.csv").path) { return try votes(dir) }
        throw RunReport.ReportError(message: "\(dir.path): no themes.json or groups.csv — is this a folder written by skein analyse or analyse-votes?")
    }

    /// Up to `limit` rows of a CSV as dictionaries (every k-th row, so the map covers the whole input).
    static func rows(_ url: URL, limit: Int = 4000) throws -> [[String: String]] {
        let reader = try DelimitedReader(contentsOf: url)
        var header: [String] = []
        var all: [[String: String]] = []
        try reader.forEachRecord { r in
            let fields = try (0..<r.count).map { try r.string($0) }
            if header.isEmpty { header = fields; return }
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
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("themes.json"))) as? [String: Any] ?? [:]
        let themes = json["themes"] as? [[String: Any]] ?? []
        let n = json["responses"] as? Int ?? 0
        var body = ""
        let bars = BarChart(title: "Themes by size", bars: themes.map { t in
            let size = t["size"] as? Int ?? 0, share = t["share"] as? Double ?? 0
            return (t["label"] as? String ?? "", Double(size), "\(size) (\(String(format: "%.1f%%", 100 * share)))")
        })
        body += "<figure>\(bars.svg())</figure>"
        let assignments = dir.appendingPathComponent("assignments.csv")
        if FileManager.default.fileExists(atPath: assignments.path) {
            let points = try rows(assignments).compactMap { r -> (x: Double, y: Double, group: Int)? in
                guard let x = r["x"].flatMap(Double.init), let y = r["y"].flatMap(Double.init) else { return nil }
                return (x, y, Int(r["theme"] ?? "") ?? -1)
            }
            if !points.isEmpty {
                var map = ScatterChart(title: "Responses on their two principal components, coloured by theme", points: points,
                                       groupNames: themes.map { $0["label"] as? String ?? "" })
                map.id = "responses"
                body += "<figure>\(map.svg())</figure>"
            }
        }
        for t in themes {
            let id = t["id"] as? Int ?? 0, size = t["size"] as? Int ?? 0
            body += "<section><h2>\(id + 1). \(HTML.escape(t["label"] as? String ?? "")) <small>(\(size), \(String(format: "%.1f%%", 100 * (t["share"] as? Double ?? 0))))</small></h2>"
            body += "<p><strong>Terms:</strong> \(HTML.escape((t["terms"] as? [String] ?? []).joined(separator: ", ")))</p>"
            for q in (t["representatives"] as? [[String: Any]] ?? []).prefix(3) { body += "<blockquote>\(HTML.escape(q["text"] as? String ?? ""))</blockquote>" }
            for (column, list) in (t["breakdown"] as? [String: [[String: Any]]] ?? [:]).sorted(by: { $0.key < $1.key }) {
                body += "<table><caption>By \(HTML.escape(column))</caption><thead><tr><th>group</th><th>in theme</th><th>share in theme</th><th>share overall</th><th>lift</th></tr></thead><tbody>"
                for p in list {
                    let over = p["over_represented"] as? Bool ?? false
                    body += "<tr\(over ? " class=\"over\"" : "")><th scope=\"row\">\(HTML.escape(p["level"] as? String ?? ""))\(over ? " ▲" : "")</th><td>\(p["count"] as? Int ?? 0)</td>"
                    body += "<td>\(String(format: "%.1f%%", 100 * (p["share_in_theme"] as? Double ?? 0)))</td><td>\(String(format: "%.1f%%", 100 * (p["share_overall"] as? Double ?? 0)))</td><td>\(String(format: "%.2f", p["lift"] as? Double ?? 0))</td></tr>"
                }
                body += "</tbody></table>"
            }
            body += "</section>"
        }
        let facts = [("Responses", "\(n)"), ("Themes", "\(themes.count)"), ("Empty", "\(json["empty"] as? Int ?? 0)"),
                     ("Other", "\(json["other"] as? Int ?? 0)"), ("Repeated", "\(json["duplicates"] as? Int ?? 0)"),
                     ("Stability", (json["stability"] as? Double).map { String(format: "%.2f", $0) } ?? "—")]
        return page("Themes", lead: "What \(n) responses say, grouped into themes (▲: a group over-represented in the theme).", facts: facts, body: body)
    }

    static func votes(_ dir: URL) throws -> String {
        let summary = ResultFolder.json(dir.appendingPathComponent("summary.json"))
        let sizes = summary["group_sizes"] as? [Int] ?? []
        var body = "<figure>\(BarChart(title: "Opinion groups", bars: sizes.enumerated().map { ("Group \($0.offset)", Double($0.element), "\($0.element) people") }).svg())</figure>"
        let points = try rows(dir.appendingPathComponent("groups.csv")).compactMap { r -> (x: Double, y: Double, group: Int)? in
            guard let x = r["x"].flatMap(Double.init), let y = r["y"].flatMap(Double.init) else { return nil }
            return (x, y, Int(r["group"] ?? "") ?? -1)
        }
        var map = ScatterChart(title: "Participants by how they voted, coloured by group", points: points, groupNames: sizes.indices.map { "Group \($0)" })
        map.id = "participants"
        body += "<figure>\(map.svg())</figure>"
        for (g, list) in (summary["representative"] as? [[[String: Any]]] ?? []).enumerated() {
            body += "<section><h2>Group \(g) (\(g < sizes.count ? sizes[g] : 0) people): what sets it apart</h2>"
            for s in list {
                let agree = (s["direction"] as? String) == "agree"
                body += "<blockquote>\(agree ? "Agrees" : "Disagrees") (\(String(format: "%.0f%%", 100 * (s["probability"] as? Double ?? 0)))): \(HTML.escape(s["text"] as? String ?? ""))</blockquote>"
            }
            body += "</section>"
        }
        body += "<section><h2>Common ground</h2>"
        for s in summary["consensus"] as? [[String: Any]] ?? [] { body += "<blockquote>\(HTML.escape(s["text"] as? String ?? ""))</blockquote>" }
        body += "</section>"
        let facts = [("Participants", "\(summary["participants"] as? Int ?? 0)"), ("Placed", "\(summary["clustered"] as? Int ?? 0)"),
                     ("Statements", "\(summary["statements_used"] as? Int ?? 0)"), ("Groups", "\(sizes.count)"),
                     ("Agreement with pol.is (ARI)", (summary["adjusted_rand_index_vs_polis"] as? Double).map { String(format: "%.2f", $0) } ?? "—")]
        return page("Opinion groups", lead: "Groups of participants who vote alike, and the statements that divide and unite them.", facts: facts, body: body)
    }
}

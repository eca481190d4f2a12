import Foundation
import Tables

/// A self-contained HTML report of a simulation run folder (`skein run --out DIR`): what was run,
/// adoption and reach over time with 95% bands and intervention markers, adopters by each
/// breakdown attribute, mean commitment, and the ensemble statistics. No scripts, no network
/// fetches, prints on A4; every label from the scenario or network is escaped.
public enum RunReport {
    public struct ReportError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// One measure's band per step, from timeseries.csv.
    struct Band { var mean: [Double] = [], low: [Double] = [], high: [Double] = [] }

    public static func html(runDirectory dir: URL) throws -> String {
        let timeseries = dir.appendingPathComponent("timeseries.csv")
        guard FileManager.default.fileExists(atPath: timeseries.path) else {
            throw ReportError(message: "\(dir.path): no timeseries.csv — is this a folder written by skein run?")
        }
        // attribute → level → measure → band
        var bands: [String: [String: [String: Band]]] = [:]
        var levelOrder: [String: [String]] = [:], attributeOrder: [String] = []
        let reader = try DelimitedReader(contentsOf: timeseries)
        var header: [String] = []
        try reader.forEachRecord { r in
            if header.isEmpty {
                header = try (0..<r.count).map { try r.string($0) }
                guard header.starts(with: ["step", "attribute", "level", "measure", "mean"]) else {
                    throw TableError(file: timeseries.path, line: r.line, message: "expected the columns step, attribute, level, measure, mean, sd, low, high")
                }
                return
            }
            let attribute = try r.string(1), level = try r.string(2), measure = try r.string(3)
            if bands[attribute] == nil { attributeOrder.append(attribute) }
            if bands[attribute]?[level] == nil { levelOrder[attribute, default: []].append(level) }
            var b = bands[attribute]?[level]?[measure] ?? Band()
            b.mean.append(r.double(4) ?? .nan)
            b.low.append(r.double(6) ?? .nan)
            b.high.append(r.double(7) ?? .nan)
            bands[attribute, default: [:]][level, default: [:]][measure] = b
        }
        let summary = ResultFolder.json(dir.appendingPathComponent("summary.json"))
        let manifest = ResultFolder.json(dir.appendingPathComponent("manifest.json"))
        let name = summary["scenario"] as? String ?? dir.lastPathComponent
        let description = ((manifest["scenario"] as? [String: Any])?["description"] as? String) ?? ""
        let markers: [(Double, String)] = ((summary["interventions"] as? [[String: Any]]) ?? []).compactMap { m in
            guard let t = m["time"] as? Int else { return nil }
            return (Double(t), m["label"] as? String ?? "intervention")
        }
        let population = Double(summary["nodes"] as? Int ?? 0)
        var charts: [String] = []
        if let all = bands["all"]?["all"] {
            var series: [LineChart.Series] = []
            if let b = all["reach"] { series.append(.init(name: "ever adopted (reach)", values: b.mean, low: b.low, high: b.high)) }
            if let b = all["adopted"] { series.append(.init(name: "practising now", values: b.mean, low: b.low, high: b.high)) }
            if let b = all["lapsed"], b.mean.contains(where: { $0 > 0 }) { series.append(.init(name: "lapsed", values: b.mean, low: b.low, high: b.high)) }
            var chart = LineChart(title: "Adoption over time (mean and 95% band of \(summary["replicates"] as? Int ?? 0) runs)",
                                  xLabel: "step", yLabel: "people", series: series)
            chart.markers = markers
            chart.id = "adoption"
            charts.append(chart.svg())
            // Commitment is its own curve where the run tracks it (the commitment model, or waning commitment).
            if summary["commitment_tracked"] as? Bool == true, let c = all["commitment"] {
                var commitment = LineChart(title: "Mean commitment", xLabel: "step", yLabel: "commitment (0–1)",
                                           series: [.init(name: "mean commitment", values: c.mean, low: c.low, high: c.high)])
                commitment.markers = markers
                commitment.id = "commitment"
                charts.append(commitment.svg())
            }
        }
        for (k, attribute) in attributeOrder.enumerated() where attribute != "all" {
            let levels = levelOrder[attribute] ?? []
            guard levels.count <= 12 else { continue }  // more lines than a reader can tell apart
            let series: [LineChart.Series] = levels.compactMap { level in
                guard let adopted = bands[attribute]?[level]?["adopted"] else { return nil }
                // Share of the group practising: size is the sum of the state counts at step 0.
                let size = ["unaware", "aware", "adopted", "lapsed", "removed"].compactMap { bands[attribute]?[level]?[$0]?.mean.first }.reduce(0, +)
                guard size > 0 else { return nil }
                return .init(name: level, values: adopted.mean.map { $0 / size })
            }
            var chart = LineChart(title: "Practising, by \(attribute) (share of each group)", xLabel: "step", yLabel: "share", series: series)
            chart.markers = markers
            chart.id = "by-\(k)"
            charts.append(chart.svg())
        }
        // The network itself: by the first breakdown attribute and by adoption time.
        var drawings: [String] = []
        if let drawing = try NetworkDrawing.read(runDirectory: dir) {
            if !drawing.attributeNames.isEmpty { drawings.append(drawing.svg(colourBy: 0, id: "network-groups")) }
            drawings.append(drawing.svg(colourBy: nil, id: "network-adoption"))
        }
        // Ensemble statistics table.
        var rows = ""
        if let metrics = summary["metrics"] as? [String: Any] {
            for key in metrics.keys.sorted() {
                guard let b = metrics[key] as? [String: Any] else { continue }
                func cell(_ k: String) -> String { (b[k] as? Double).map { LineChart.format($0) } ?? "" }
                rows += "<tr><th scope=\"row\">\(HTML.escape(key.replacingOccurrences(of: "_", with: " ")))</th><td>\(cell("mean"))</td><td>\(cell("sd"))</td><td>\(cell("low"))</td><td>\(cell("high"))</td></tr>"
            }
        }
        let skein = manifest["skein"] as? [String: Any]
        let facts = [
            ("Model", summary["model"] as? String ?? ""),
            ("Network", population > 0 ? "\(Int(population)) people, \(summary["edges"] as? Int ?? 0) ties" : ""),
            ("Replicates × steps", "\(summary["replicates"] as? Int ?? 0) × \(summary["horizon"] as? Int ?? 0)"),
            ("Seed", "\(summary["seed"] as? Int ?? 0)"),
            ("Skein", skein.map { "\($0["version"] as? String ?? "") (\(($0["commit"] as? String ?? "").prefix(12)))" } ?? ""),
        ].filter { !$0.1.isEmpty }
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(name)) — Skein report</title>
            <style>\(style)</style></head><body>
            <header><h1>\(HTML.escape(name))</h1>
            """
        if !description.isEmpty { page += "<p class=\"lead\">\(HTML.escape(description))</p>" }
        page += "<dl class=\"facts\">" + facts.map { "<dt>\(HTML.escape($0.0))</dt><dd>\(HTML.escape($0.1))</dd>" }.joined() + "</dl></header><main>"
        if !markers.isEmpty {
            page += "<p class=\"note\">Dashed lines mark interventions: " + markers.map { "\(HTML.escape($0.1)) (step \(LineChart.format($0.0)))" }.joined(separator: "; ") + ".</p>"
        }
        for chart in charts { page += "<figure>\(chart)</figure>" }
        if !drawings.isEmpty {
            page += "<h2>The network</h2><p class=\"note\">Force-directed layout (Fruchterman–Reingold); colours by the first breakdown attribute and by the mean step at which each person adopted, over the runs where they did.</p>"
            for d in drawings { page += "<figure>\(d)</figure>" }
        }
        if !rows.isEmpty {
            page += "<h2>Across the runs</h2><table><thead><tr><th>measure</th><th>mean</th><th>SD</th><th>2.5%</th><th>97.5%</th></tr></thead><tbody>\(rows)</tbody></table>"
        }
        page += "</main><footer>Made by Skein from \(HTML.escape(dir.lastPathComponent)). Bands are the 2.5% and 97.5% quantiles across replicates.</footer></body></html>\n"
        return page
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:780px;color:#1a1a1a;padding:0 1rem}
        h1{font-size:1.6rem;margin-bottom:.2rem}.lead{color:#444}.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
        dt{font-weight:600}dd{margin:0}figure{margin:1.5rem 0}.chart{width:100%;height:auto}
        .chart-title{font-size:14px;font-weight:600}.tick,.legend{font-size:11px;fill:#333}.label{font-size:12px;fill:#333}
        .grid{stroke:#e3e3e3}.axis{stroke:#555}.marker{stroke:#555;stroke-dasharray:4 3}
        table{border-collapse:collapse;width:100%}th,td{text-align:right;padding:.25rem .5rem;border-bottom:1px solid #ddd}
        th[scope=row]{text-align:left;font-weight:500}.note{color:#444;font-size:.9rem}footer{margin-top:2rem;color:#666;font-size:.8rem}
        @media print{body{margin:0;max-width:none}figure{break-inside:avoid}}
        """
}

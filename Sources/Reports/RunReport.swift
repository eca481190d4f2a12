import Foundation
import Outputs
import Tables

/// A self-contained HTML report of a simulation run folder (`skein run --out DIR`): what was run,
/// adoption and reach over time with 95% bands and intervention markers, adopters by each
/// breakdown attribute, mean commitment, and the ensemble statistics. No scripts, no network
/// fetches, prints on A4; every label from the scenario or network is escaped.
public enum RunReport {
    public struct ReportError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }

        /// `body`, with a folder file that cannot be read reported as a report error naming it.
        static func reading<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let error as RunFolder.ReadError { throw ReportError(message: error.description) }
        }
    }

    public static func html(runDirectory dir: URL) throws -> String {
        let folder = try ReportError.reading { try RunFolder.read(dir) }
        let ts = folder.timeseries, summary = folder.summary, manifest = folder.manifest
        let name = summary?.scenario ?? dir.lastPathComponent
        let description = manifest?.scenarioDescription ?? ""
        let markers: [(Double, String)] = (summary?.interventions ?? []).map { (Double($0.time), $0.label) }
        let population = Double(summary?.nodes ?? 0)
        var charts: [String] = []
        if let reach = ts.overall(.reach) {
            var series: [LineChart.Series] = [.init(name: "ever adopted (reach)", values: reach.mean, low: reach.low, high: reach.high)]
            if let b = ts.overall(.adopted) { series.append(.init(name: "practising now", values: b.mean, low: b.low, high: b.high)) }
            if let b = ts.overall(.lapsed), b.mean.contains(where: { $0 > 0 }) {
                series.append(.init(name: "lapsed", values: b.mean, low: b.low, high: b.high))
            }
            var chart = LineChart(title: "Adoption over time (mean and 95% band of \(summary?.replicates ?? 0) runs)",
                                  xLabel: "step", yLabel: "people", series: series)
            chart.markers = markers
            chart.id = "adoption"
            charts.append(chart.svg())
            // Commitment is its own curve where the run tracks it (the commitment model, or waning commitment).
            if summary?.commitmentTracked == true, let c = ts.overall(.commitment) {
                var commitment = LineChart(title: "Mean commitment", xLabel: "step", yLabel: "commitment (0–1)",
                                           series: [.init(name: "mean commitment", values: c.mean, low: c.low, high: c.high)])
                commitment.markers = markers
                commitment.id = "commitment"
                charts.append(commitment.svg())
            }
        }
        for (k, attribute) in ts.attributes.enumerated() where attribute != Timeseries.all {
            let levels = ts.levels(of: attribute)
            guard levels.count <= 12 else { continue }  // more lines than a reader can tell apart
            let series: [LineChart.Series] = levels.compactMap { level in
                guard let adopted = ts.series(attribute, level, .adopted) else { return nil }
                // Share of the group practising at each step, of its members then (trained and committed move).
                let sizes = ts.sizes(attribute, level)
                guard sizes.contains(where: { $0 > 0 }) else { return nil }
                return .init(name: level, values: zip(adopted.mean, sizes).map { $1 > 0 ? $0 / $1 : .nan })
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
        for key in (summary?.metrics.keys).map({ $0.sorted() }) ?? [] {
            guard let b = summary?.metrics[key] ?? nil else { continue }
            let cells = [b.mean, b.sd, b.low, b.high].map { "<td>\(LineChart.format($0))</td>" }.joined()
            rows += "<tr><th scope=\"row\">\(HTML.escape(key.replacingOccurrences(of: "_", with: " ")))</th>\(cells)</tr>"
        }
        let facts = [
            ("Model", summary?.model ?? ""),
            ("Network", population > 0 ? "\(Int(population)) people, \(summary?.edges ?? 0) ties" : ""),
            ("Replicates × steps", summary.map { "\($0.replicates) × \($0.horizon)" } ?? ""),
            ("Seed", summary.map { "\($0.seed)" } ?? ""),
            ("Skein", manifest.map { "\($0.skein.version) (\($0.skein.commit.prefix(12)))" } ?? ""),
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

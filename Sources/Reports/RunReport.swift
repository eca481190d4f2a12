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
        let unit = summary?.stepUnit ?? "step"
        let markers = (summary?.interventions ?? []).map { LineChart.Marker(x: Double($0.time), label: $0.label, kind: $0.kind) }
        let population = Double(summary?.nodes ?? 0)
        func chart(_ title: String, _ yLabel: String, _ series: [LineChart.Series], id: String) -> String {
            var c = LineChart(title: title, xLabel: unit, yLabel: yLabel, series: series)
            c.markers = markers
            c.unit = unit
            c.id = id
            return c.svg()
        }
        let stateColours = CategoryColours(["ever adopted (reach)", "practising now", "lapsed"])
        var charts: [String] = []
        if let reach = ts.overall(.reach) {
            var series: [LineChart.Series] = [.init(name: "ever adopted (reach)", values: reach.mean, low: reach.low, high: reach.high)]
            if let b = ts.overall(.adopted) { series.append(.init(name: "practising now", values: b.mean, low: b.low, high: b.high)) }
            if let b = ts.overall(.lapsed), b.mean.contains(where: { $0 > 0 }) {
                series.append(.init(name: "lapsed", values: b.mean, low: b.low, high: b.high))
            }
            for i in series.indices { series[i].colour = stateColours.colour(series[i].name) }
            charts.append(chart("Adoption over time (mean and 95% band of \(summary?.replicates ?? 0) runs)", "people", series, id: "adoption"))
            // Commitment is its own curve where the run tracks it (the commitment model, or waning commitment).
            if summary?.commitmentTracked == true, let c = ts.overall(.commitment) {
                let what = summary?.outcome == "opinion" ? "opinion" : "commitment"
                charts.append(chart("Mean \(what)", "\(what) (0–1)", [.init(name: "mean \(what)", values: c.mean, low: c.low, high: c.high,
                                                                             colour: LineChart.palette[0])], id: "commitment"))
            }
        }
        // One colour per level of each attribute, shared by its chart and the network drawing.
        var colours: [String: CategoryColours] = [:]
        for (k, attribute) in ts.attributes.enumerated() where attribute != Timeseries.all {
            let levels = ts.levels(of: attribute)
            let finalSize = { (level: String) in ts.sizes(attribute, level).last ?? 0 }
            // The largest groups by name; beyond 11, the rest drawn together as "other".
            let shownLevels = levels.count <= 12 ? levels : Array(levels.sorted { finalSize($0) > finalSize($1) }.prefix(11))
            let palette = CategoryColours(levels.count <= 12 ? levels : shownLevels, limit: 12)
            colours[attribute] = palette
            var series: [LineChart.Series] = shownLevels.compactMap { level in
                guard let adopted = ts.series(attribute, level, .adopted) else { return nil }
                // Share of the group practising at each step, of its members then (trained and committed move).
                let sizes = ts.sizes(attribute, level)
                guard sizes.contains(where: { $0 > 0 }) else { return nil }
                return .init(name: level, values: zip(adopted.mean, sizes).map { $1 > 0 ? $0 / $1 : .nan }, colour: palette.colour(level))
            }
            let rest = levels.filter { !shownLevels.contains($0) }
            if !rest.isEmpty {
                var adopted = [Double](repeating: 0, count: ts.overall(.reach)?.mean.count ?? 0), sizes = adopted
                for level in rest {
                    guard let a = ts.series(attribute, level, .adopted) else { continue }
                    for (t, x) in a.mean.enumerated() where t < adopted.count { adopted[t] += x }
                    for (t, x) in ts.sizes(attribute, level).enumerated() where t < sizes.count { sizes[t] += x }
                }
                series.append(.init(name: "other (\(rest.count) groups)", values: zip(adopted, sizes).map { $1 > 0 ? $0 / $1 : .nan },
                                    colour: CategoryColours.other))
            }
            charts.append(chart("Practising, by \(attribute) (share of each group)", "share", series, id: "by-\(k)"))
        }
        // The network itself: by the first breakdown attribute and by adoption time; groups when it is too large for people.
        var drawings: [String] = []
        if let drawing = try NetworkDrawing.read(runDirectory: dir) {
            if let first = drawing.attributeNames.first {
                drawings.append(drawing.svg(colourBy: 0, id: "network-groups", colours: colours[first]))
            }
            drawings.append(drawing.svg(colourBy: nil, id: "network-adoption"))
        }
        let groupDrawing = try GroupNetworkDrawing.read(runDirectory: dir)
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
            ("Replicates × \(unit)s", summary.map { "\($0.replicates) × \($0.horizon)" } ?? ""),
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
        // The question, then the answer, then the arms side by side: what a programme board reads first.
        if let q = summary?.question { page += "<p class=\"question\"><strong>Question.</strong> \(HTML.escape(q))</p>" }
        if let a = summary?.answer { page += "<p class=\"answer\"><strong>Answer.</strong> \(HTML.escape(a))</p>" }
        for w in summary?.warnings ?? [] { page += "<p class=\"warning\" role=\"note\"><strong>Warning.</strong> \(HTML.escape(w))</p>" }
        page += "</header><main>"
        if let summary, !summary.arms.isEmpty {
            page += armsSection(summary, folder: folder, markers: markers)
        }
        if !description.isEmpty || !(summary?.assumptions.isEmpty ?? true) {
            page += "<h2>What was run</h2>"
            if !description.isEmpty { page += "<p class=\"lead\">\(HTML.escape(description))</p>" }
            if let list = summary?.assumptions, !list.isEmpty {
                page += "<p>Assumptions:</p><ul class=\"assumptions\">" + list.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
            }
        }
        page += "<dl class=\"facts\">" + facts.map { "<dt>\(HTML.escape($0.0))</dt><dd>\(HTML.escape($0.1))</dd>" }.joined() + "</dl>"
        if !markers.isEmpty {
            page += "<p class=\"note\">Marked lines show interventions, each kind with its own symbol and dashes: "
                + markers.map { "\(HTML.escape($0.label)) (\(HTML.escape($0.kind)), \(HTML.escape(unit)) \(LineChart.format($0.x)))" }.joined(separator: "; ") + ".</p>"
        }
        page += "<h2>Over time, as written</h2>"
        for chart in charts { page += "<figure>\(chart)</figure>" }
        if !drawings.isEmpty {
            page += "<h2>The network</h2><p class=\"note\">Force-directed layout (Fruchterman–Reingold); colours by the first breakdown attribute (as in its chart above) and by the mean \(HTML.escape(unit)) at which each person adopted, over the runs where they did.</p>"
            for d in drawings { page += "<figure>\(d)</figure>" }
        } else if let groupDrawing {
            page += "<h2>The network, by \(HTML.escape(groupDrawing.attribute))</h2><p class=\"note\">Too many people to draw one by one: each circle is a group (area: its size; colour: the share who adopted), each line the ties between two groups (width: how many).</p>"
            page += "<figure>\(groupDrawing.svg(id: "network-aggregated"))</figure>"
        }
        if !rows.isEmpty {
            page += "<h2>Across the runs</h2><table><thead><tr><th>measure</th><th>mean</th><th>SD</th><th>2.5%</th><th>97.5%</th></tr></thead><tbody>\(rows)</tbody></table>"
        }
        page += "</main><footer>Made by Skein from \(HTML.escape(dir.lastPathComponent)). Bands are the 2.5% and 97.5% quantiles across replicates; intervals in the comparison are 95% t intervals of means.</footer></body></html>\n"
        return page
    }

    /// The arms side by side: a table of the headline measures (mean, interval, paired difference)
    /// and the headline curve of every arm in one chart, each arm its own colour.
    static func armsSection(_ summary: RunSummary, folder: RunFolder, markers: [LineChart.Marker]) -> String {
        let unit = summary.stepUnit
        let names = ["as written"] + summary.arms.map(\.name)
        let colours = CategoryColours(names)
        var html = "<h2>The arms side by side</h2><table class=\"arms\"><thead><tr><th>measure</th>"
        html += names.map { "<th scope=\"col\"><span class=\"swatch\" style=\"background:\(colours.colour($0))\"></span>\(HTML.escape($0))</th>" }.joined()
        html += "</tr></thead><tbody>"
        for metric in summary.measures {
            let text = MeasureText(metric, outcome: summary.outcome)
            html += "<tr><th scope=\"row\">\(HTML.escape(text.label))</th>"
            for arm in [ComparisonRow.base] + summary.arms.map(\.name) {
                guard let row = summary.comparison.first(where: { $0.arm == arm && $0.measure == metric }) else { html += "<td>—</td>"; continue }
                let cell = text.cell(row, unit: unit)
                html += "<td>\(HTML.escape(cell.value))" + (cell.detail.map { "<br><span class=\"diff\">\(HTML.escape($0))</span>" } ?? "") + "</td>"
            }
            html += "</tr>"
        }
        html += "</tbody></table><p class=\"note\">As written: mean and the 95% interval of the mean. Each arm: mean, then its paired difference to the scenario as written with the 95% interval (every arm runs on the same random numbers, replicate by replicate). "
        html += summary.arms.map { "<em>\(HTML.escape($0.name))</em>: \(HTML.escape($0.changes.joined(separator: "; ")))" }.joined(separator: ". ") + ".</p>"
        // The headline over time, one curve per arm.
        let measure: RunMeasure
        let yLabel: String
        let scale: Double
        switch summary.outcome {
        case "commitment": (measure, yLabel, scale) = (.commitment, "mean commitment (0–1)", 1)
        case "opinion": (measure, yLabel, scale) = (.commitment, "mean opinion (0–1)", 1)
        default: (measure, yLabel, scale) = summary.measures.first == RunMetric.finalAdopted.rawValue
            ? (.adopted, "people practising", 1) : (.reach, "reach (share of people)", Double(max(summary.nodes, 1)))
        }
        var series: [LineChart.Series] = []
        if let b = folder.timeseries.overall(measure) {
            series.append(.init(name: "as written", values: b.mean.map { $0 / scale }, low: b.low.map { $0 / scale }, high: b.high.map { $0 / scale },
                                colour: colours.colour("as written")))
        }
        for arm in summary.arms {
            guard let armFolder = try? RunFolder.read(folder.url(RunFolder.File.arms).appendingPathComponent(arm.folder)),
                  let b = armFolder.timeseries.overall(measure) else { continue }
            series.append(.init(name: arm.name, values: b.mean.map { $0 / scale }, low: b.low.map { $0 / scale }, high: b.high.map { $0 / scale },
                                colour: colours.colour(arm.name)))
        }
        if !series.isEmpty {
            var c = LineChart(title: "\(yLabel.prefix(1).uppercased() + yLabel.dropFirst()) by arm (mean and 95% band)", xLabel: unit, yLabel: yLabel, series: series)
            c.markers = markers
            c.unit = unit
            c.id = "arms"
            html += "<figure>\(c.svg())</figure>"
        }
        return html
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:780px;color:#1a1a1a;padding:0 1rem}
        h1{font-size:1.6rem;margin-bottom:.2rem}.lead{color:#444}.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
        dt{font-weight:600}dd{margin:0}figure{margin:1.5rem 0}.chart{width:100%;height:auto}
        .chart-title{font-size:14px;font-weight:600}.tick,.legend{font-size:11px;fill:#333}.label{font-size:12px;fill:#333}
        .grid{stroke:#e3e3e3}.axis{stroke:#555}.marker{stroke:#555}.marker-symbol{font-size:11px;fill:#333}
        .question{font-size:1.05rem}.answer{font-size:1.05rem;background:#f3f7fb;border-left:4px solid #0072B2;padding:.6rem .8rem}
        .warning{background:#fff6e5;border-left:4px solid #E69F00;padding:.5rem .8rem;font-size:.9rem}
        .arms td{vertical-align:top}.diff{color:#444;font-size:.85rem}.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
        table{border-collapse:collapse;width:100%}th,td{text-align:right;padding:.25rem .5rem;border-bottom:1px solid #ddd}
        th[scope=row]{text-align:left;font-weight:500}.note{color:#444;font-size:.9rem}footer{margin-top:2rem;color:#666;font-size:.8rem}
        @media print{body{margin:0;max-width:none}figure{break-inside:avoid}}
        """
}

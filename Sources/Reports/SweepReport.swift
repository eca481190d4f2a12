import Foundation
import Tables

/// The comparison view of a sweep (`skein report sweep.sqlite`): the outcome at every point with
/// its spread across replicates. One varying parameter: reach against it with the 95% band; two
/// on a grid: one line per value of the second; more (or a Latin hypercube): each parameter's main
/// effect (points binned by that parameter, mean reach per bin). Then every point in a table,
/// the best first. Parameter names and values are escaped like any other label.
public enum SweepReport {
    public struct Point: Sendable {
        public var index: Int
        /// Parameter path → value as written (numbers, or text such as a seeding strategy).
        public var values: [String: String]
        /// Metric name → one value per replicate (undefined ones left out).
        public var metrics: [String: [Double]]

        public init(index: Int, values: [String: String], metrics: [String: [Double]]) {
            self.index = index
            self.values = values
            self.metrics = metrics
        }
    }

    public struct Input: Sendable {
        public var name: String
        public var description: String?
        public var seed: String
        public var skein: String
        public var points: [Point]

        public init(name: String, description: String? = nil, seed: String, skein: String, points: [Point]) {
            self.name = name
            self.description = description
            self.seed = seed
            self.skein = skein
            self.points = points
        }
    }

    struct Summary { var mean: Double, low: Double, high: Double, count: Int }

    static func summary(_ xs: [Double]) -> Summary? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted()
        func q(_ p: Double) -> Double {  // type-7 quantile, as NumPy's default
            let h = p * Double(s.count - 1), i = Int(h)
            return i + 1 < s.count ? s[i] + (h - Double(i)) * (s[i + 1] - s[i]) : s[i]
        }
        return Summary(mean: s.reduce(0, +) / Double(s.count), low: q(0.025), high: q(0.975), count: s.count)
    }

    public static func html(_ input: Input) -> String {
        let parameters = Array(Set(input.points.flatMap(\.values.keys))).sorted()
        let varying = parameters.filter { p in Set(input.points.map { $0.values[p] ?? "" }).count > 1 }
        func numeric(_ p: String) -> Bool { input.points.allSatisfy { Double($0.values[p] ?? "") != nil } }
        let reach = input.points.map { summary(($0.metrics["reach_share"] ?? []).map { $0 * 100 }) }
        var charts: [String] = []
        let title = "Reach (% of people ever adopting): mean and 95% band across replicates"
        if varying.count == 1, numeric(varying[0]) {
            let p = varying[0]
            let order = input.points.indices.sorted { Double(input.points[$0].values[p]!)! < Double(input.points[$1].values[p]!)! }
            var chart = LineChart(title: title, xLabel: p, yLabel: "reach (%)", series: [
                .init(name: "reach", values: order.map { reach[$0]?.mean ?? .nan }, low: order.map { reach[$0]?.low ?? .nan },
                      high: order.map { reach[$0]?.high ?? .nan }),
            ])
            chart.x = order.map { Double(input.points[$0].values[p]!)! }
            chart.dots = true
            chart.id = "sweep"
            charts.append(chart.svg())
        } else if varying.count == 2, let p = varying.first(where: numeric) {
            let q = varying.first { $0 != p }!
            let xs = Array(Set(input.points.map { Double($0.values[p]!)! })).sorted()
            var levels: [String] = []
            for point in input.points where !levels.contains(point.values[q] ?? "") { levels.append(point.values[q] ?? "") }
            let series: [LineChart.Series] = levels.prefix(8).map { level in
                .init(name: "\(q) = \(level)", values: xs.map { x in
                    input.points.indices.first { input.points[$0].values[q] == level && Double(input.points[$0].values[p]!) == x }.flatMap { reach[$0]?.mean } ?? .nan
                })
            }
            var chart = LineChart(title: "Reach (% of people ever adopting), mean across replicates", xLabel: p, yLabel: "reach (%)", series: series)
            chart.x = xs
            chart.dots = true
            chart.id = "sweep"
            charts.append(chart.svg())
        } else {
            for (k, p) in varying.filter(numeric).enumerated() {
                // Main effect: points sorted by this parameter, cut into up to 10 equal bins.
                let order = input.points.indices.sorted { Double(input.points[$0].values[p]!)! < Double(input.points[$1].values[p]!)! }
                let bins = min(10, order.count)
                var xs: [Double] = [], means: [Double] = []
                for b in 0..<bins {
                    let slice = order[(b * order.count / bins)..<((b + 1) * order.count / bins)]
                    let values = slice.compactMap { reach[$0]?.mean }
                    guard !values.isEmpty else { continue }
                    xs.append(slice.map { Double(input.points[$0].values[p]!)! }.reduce(0, +) / Double(slice.count))
                    means.append(values.reduce(0, +) / Double(values.count))
                }
                var chart = LineChart(title: "Main effect of \(p): mean reach (%) of the points binned by it", xLabel: p, yLabel: "reach (%)",
                                      series: [.init(name: "reach", values: means)])
                chart.x = xs
                chart.dots = true
                chart.id = "effect-\(k)"
                charts.append(chart.svg())
            }
        }
        // The table, best reach first.
        let ranked = input.points.indices.sorted { (reach[$0]?.mean ?? -1, -$0) > (reach[$1]?.mean ?? -1, -$1) }
        func cell(_ s: Summary?, _ digits: Int = 1) -> String {
            guard let s else { return "–" }
            return String(format: "%.\(digits)f <span class=\"range\">(%.\(digits)f–%.\(digits)f)</span>", s.mean, s.low, s.high)
        }
        var rows = ""
        for (rank, i) in ranked.enumerated() {
            let point = input.points[i]
            let t50 = summary(point.metrics["time_to_50"] ?? [])
            rows += "<tr\(rank == 0 ? " class=\"best\"" : "")><td>\(point.index)</td>"
                + parameters.map { "<td>\(HTML.escape(point.values[$0] ?? ""))</td>" }.joined()
                + "<td>\(reach[i]?.count ?? 0)</td><td>\(cell(reach[i]))</td><td>\(cell(t50))\(t50.map { $0.count < reach[i]?.count ?? 0 ? " <span class=\"range\">in \($0.count) runs</span>" : "" } ?? "")</td>"
                + "<td>\(cell(summary((point.metrics["final_adopted"] ?? [])), 0))</td></tr>"
        }
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(input.name)) sweep — Skein report</title>
            <style>\(RunReport.style) tr.best td { font-weight: 600; } .range { color: #555; font-size: 0.85em; }</style></head><body>
            <header><h1>\(HTML.escape(input.name)): sweep of \(input.points.count) points</h1>
            """
        if let d = input.description, !d.isEmpty { page += "<p class=\"lead\">\(HTML.escape(d))</p>" }
        let facts = [("Varying", varying.isEmpty ? "nothing" : varying.joined(separator: ", ")), ("Points", "\(input.points.count)"),
                     ("Replicates per point", "\(reach.compactMap { $0?.count }.max() ?? 0)"), ("Seed", input.seed + " (the same at every point)"),
                     ("Skein", input.skein)]
        page += "<dl class=\"facts\">" + facts.map { "<dt>\(HTML.escape($0.0))</dt><dd>\(HTML.escape($0.1))</dd>" }.joined() + "</dl></header><main>"
        for chart in charts { page += "<figure>\(chart)</figure>" }
        page += "<h2>Every point, highest reach first</h2><p class=\"note\">Mean with the 2.5% and 97.5% quantiles across replicates in brackets. Every point runs on the same seed (common random numbers), so differences between points are the parameters', not the dice's.</p>"
        page += "<table><thead><tr><th>point</th>" + parameters.map { "<th>\(HTML.escape($0))</th>" }.joined()
            + "<th>runs</th><th>reach (%)</th><th>steps to 50% reach</th><th>practising at the end</th></tr></thead><tbody>\(rows)</tbody></table>"
        page += "</main><footer>Made by Skein from a sweep database.</footer></body></html>\n"
        return page
    }
}

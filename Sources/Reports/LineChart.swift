import Foundation

/// A line chart as inline SVG: series with optional 95% bands, axes with ticks and labels, a
/// legend, vertical markers (interventions), and a title and description for screen readers.
/// Colours are the Okabe–Ito palette, distinguishable with colour-vision deficiencies.
public struct LineChart {
    public struct Series {
        public var name: String
        public var values: [Double]
        public var low: [Double]?
        public var high: [Double]?
        /// Fixed colour (a category's, the same in every chart); nil takes the palette in order.
        public var colour: String?
        public init(name: String, values: [Double], low: [Double]? = nil, high: [Double]? = nil, colour: String? = nil) {
            self.name = name
            self.values = values
            self.low = low
            self.high = high
            self.colour = colour
        }
    }

    /// A vertical line where something happened (an intervention), drawn and named by its kind.
    public struct Marker {
        public var x: Double
        public var label: String
        public var kind: String
        public init(x: Double, label: String, kind: String) {
            self.x = x
            self.label = label
            self.kind = kind
        }
    }

    /// Each kind of marker its own dash pattern and symbol (over the plot's top edge), so a
    /// training cohort never reads as an event even in grey print.
    static func markerStyle(_ kind: String, among kinds: [String]) -> (dash: String, symbol: String) {
        let known: [String: Int] = ["event": 0, "training": 1, "weaving": 2, "turnover": 3, "removal": 4, "seed": 5]
        let styles = [("6 3", "▲"), ("2 2", "■"), ("8 2 2 2", "◆"), ("4 4", "●"), ("1 3", "✕"), ("10 3", "★"), ("3 1", "▼"), ("5 2 1 2", "⬟")]
        let i = known[kind] ?? (6 + (kinds.firstIndex(of: kind) ?? 0)) % styles.count
        return styles[i]
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var markers: [Marker] = []
    /// What the x axis counts, for markers' tooltips ("week 4").
    public var unit = "step"
    /// The x value of each position in the series (default 0, 1, 2, …: steps); increasing.
    public var x: [Double]? = nil
    /// Draw a dot at every value (for few points, e.g. a sweep's).
    public var dots = false
    /// Element id, unique within the page (for the accessible title).
    public var id = "chart"
    public var width = 720.0, height = 320.0

    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

    public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    /// Round tick positions covering [lo, hi].
    static func ticks(_ lo: Double, _ hi: Double, count: Int = 5) -> [Double] {
        guard hi > lo else { return [lo] }
        let raw = (hi - lo) / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var out: [Double] = []
        var t = ceil(lo / step) * step
        while t <= hi + step * 1e-9 { out.append(t); t += step }
        return out
    }

    static func format(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e9 { return String(Int(x)) }
        return String(format: abs(x) < 0.01 ? "%.3g" : "%.2f", x)
    }

    public func svg() -> String {
        let left = 64.0, right = 16.0, top = 36.0, bottom = 48.0
        let plotW = width - left - right, columns = series.contains { $0.name.count > 22 } ? 2 : 4
        let plotH = height - top - bottom - 22 * ceil(Double(series.count + Set(markers.map(\.kind)).count) / Double(columns))
        let n = series.map(\.values.count).max() ?? 0
        let xs = x ?? (0..<n).map(Double.init)
        let xMin = xs.first ?? 0, xMax = max(xMin + (x == nil ? 1 : 1e-9), xs.last ?? 1)
        func xAt(_ i: Int) -> Double { i < xs.count ? xs[i] : Double(i) }
        let all = series.flatMap { s in s.values + (s.low ?? []) + (s.high ?? []) }.filter(\.isFinite)
        let yMin = min(0, all.min() ?? 0), yMax = max(yMin + 1e-9, all.max() ?? 1)
        func px(_ v: Double) -> Double { left + (v - xMin) / (xMax - xMin) * plotW }
        func py(_ y: Double) -> Double { top + plotH - (y - yMin) / (yMax - yMin) * plotH }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(f(width)) \(f(height))\" class=\"chart\" aria-labelledby=\"\(id)-title\">"
        s += "<title id=\"\(id)-title\">\(HTML.escape(title))</title>"
        s += "<text x=\"\(f(left))\" y=\"20\" class=\"chart-title\">\(HTML.escape(title))</text>"
        // Axes and grid.
        for t in Self.ticks(yMin, yMax) {
            s += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(py(t)))\" y2=\"\(f(py(t)))\" class=\"grid\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(py(t) + 4))\" text-anchor=\"end\" class=\"tick\">\(Self.format(t))</text>"
        }
        for t in Self.ticks(xMin, xMax) {
            s += "<line x1=\"\(f(px(t)))\" x2=\"\(f(px(t)))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH + 4))\" class=\"axis\"/>"
            s += "<text x=\"\(f(px(t)))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\" class=\"tick\">\(Self.format(t))</text>"
        }
        s += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH))\" class=\"axis\"/>"
        s += "<line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\" class=\"axis\"/>"
        s += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 36))\" text-anchor=\"middle\" class=\"label\">\(HTML.escape(xLabel))</text>"
        s += "<text transform=\"translate(16 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" class=\"label\">\(HTML.escape(yLabel))</text>"
        // Intervention markers: a line and a symbol per occurrence, styled by kind.
        var kinds: [String] = []
        for m in markers where !kinds.contains(m.kind) { kinds.append(m.kind) }
        for m in markers where m.x <= xMax && m.x >= xMin {
            let style = Self.markerStyle(m.kind, among: kinds)
            let tip = "<title>\(HTML.escape(m.label)) (\(HTML.escape(m.kind)), \(HTML.escape(unit)) \(Self.format(m.x)))</title>"
            s += "<line x1=\"\(f(px(m.x)))\" x2=\"\(f(px(m.x)))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\" class=\"marker marker-\(HTML.escape(m.kind))\" stroke-dasharray=\"\(style.dash)\">\(tip)</line>"
            s += "<text x=\"\(f(px(m.x)))\" y=\"\(f(top - 3))\" text-anchor=\"middle\" class=\"marker-symbol marker-\(HTML.escape(m.kind))\">\(style.symbol)\(tip)</text>"
        }
        // Bands, then lines.
        for (k, ser) in series.enumerated() {
            let colour = ser.colour ?? Self.palette[k % Self.palette.count]
            if let low = ser.low, let high = ser.high, low.count == ser.values.count {
                var points: [String] = []
                for (i, v) in high.enumerated() where v.isFinite { points.append("\(f(px(xAt(i)))),\(f(py(v)))") }
                for (i, v) in low.enumerated().reversed() where v.isFinite { points.append("\(f(px(xAt(i)))),\(f(py(v)))") }
                s += "<polygon points=\"\(points.joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.18\" stroke=\"none\"/>"
            }
            let path = ser.values.enumerated().filter { $0.element.isFinite }.map { "\(f(px(xAt($0.offset)))),\(f(py($0.element)))" }
            s += "<polyline points=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" class=\"series\"><title>\(HTML.escape(ser.name))</title></polyline>"
            if dots {
                for (i, v) in ser.values.enumerated() where v.isFinite {
                    s += "<circle cx=\"\(f(px(xAt(i))))\" cy=\"\(f(py(v)))\" r=\"3.5\" fill=\"\(colour)\"><title>\(HTML.escape(ser.name)): \(Self.format(xAt(i))) → \(Self.format(v))</title></circle>"
                }
            }
        }
        // Legend below the plot.
        for (k, ser) in series.enumerated() {
            let x = left + Double(k % columns) * plotW / Double(columns), y = top + plotH + 52 + 22 * Double(k / columns)
            s += "<rect x=\"\(f(x))\" y=\"\(f(y - 9))\" width=\"12\" height=\"12\" fill=\"\(ser.colour ?? Self.palette[k % Self.palette.count])\"/>"
            s += "<text x=\"\(f(x + 18))\" y=\"\(f(y + 1))\" class=\"legend\">\(HTML.escape(ser.name))</text>"
        }
        // The marker kinds' key, after the series.
        for (j, kind) in kinds.enumerated() {
            let k = series.count + j
            let x = left + Double(k % columns) * plotW / Double(columns), y = top + plotH + 52 + 22 * Double(k / columns)
            let style = Self.markerStyle(kind, among: kinds)
            s += "<text x=\"\(f(x + 6))\" y=\"\(f(y + 1))\" text-anchor=\"middle\" class=\"marker-symbol marker-\(HTML.escape(kind))\">\(style.symbol)</text>"
            s += "<text x=\"\(f(x + 18))\" y=\"\(f(y + 1))\" class=\"legend\">\(HTML.escape(kind))</text>"
        }
        s += "</svg>"
        return s
    }
}

import Foundation

/// Horizontal bars with labels and values: theme sizes, group sizes.
public struct BarChart {
    public var title: String
    public var bars: [(label: String, value: Double, text: String)]
    public var id = "bars"
    public var width = 720.0

    public init(title: String, bars: [(label: String, value: Double, text: String)]) {
        self.title = title
        self.bars = bars
    }

    public func svg() -> String {
        let row = 22.0, labelWidth = 300.0, top = 34.0
        let height = top + row * Double(bars.count) + 10
        let maxValue = max(bars.map(\.value).max() ?? 1, 1e-12)
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(f(width)) \(f(height))\" class=\"chart\" aria-labelledby=\"\(id)-title\">"
        s += "<title id=\"\(id)-title\">\(HTML.escape(title))</title><text x=\"0\" y=\"20\" class=\"chart-title\">\(HTML.escape(title))</text>"
        for (i, bar) in bars.enumerated() {
            let y = top + row * Double(i)
            let w = (width - labelWidth - 80) * bar.value / maxValue
            let label = bar.label.count > 48 ? String(bar.label.prefix(47)) + "…" : bar.label
            s += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + 14))\" text-anchor=\"end\" class=\"legend\">\(HTML.escape(label))</text>"
            s += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 3))\" width=\"\(f(max(1, w)))\" height=\"15\" fill=\"\(LineChart.palette[i % LineChart.palette.count])\"><title>\(HTML.escape(bar.label)): \(HTML.escape(bar.text))</title></rect>"
            s += "<text x=\"\(f(labelWidth + max(1, w) + 6))\" y=\"\(f(y + 14))\" class=\"tick\">\(HTML.escape(bar.text))</text>"
        }
        return s + "</svg>"
    }
}

/// Points on a plane coloured by group: the 2-D map of responses or participants.
public struct ScatterChart {
    public var title: String
    public var points: [(x: Double, y: Double, group: Int)]
    public var groupNames: [String]
    public var id = "map"
    public var size = 560.0

    public init(title: String, points: [(x: Double, y: Double, group: Int)], groupNames: [String]) {
        self.title = title
        self.points = points
        self.groupNames = groupNames
    }

    public func svg() -> String {
        let pad = 24.0, top = 34.0, legendRows = ceil(Double(groupNames.count + 1) / 3)
        let height = top + size + 8 + 20 * legendRows
        let xs = points.map(\.x), ys = points.map(\.y)
        let (x0, x1) = (xs.min() ?? 0, max((xs.max() ?? 1), (xs.min() ?? 0) + 1e-9))
        let (y0, y1) = (ys.min() ?? 0, max((ys.max() ?? 1), (ys.min() ?? 0) + 1e-9))
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        // Every group its own colour: the palette, then golden-angle hues (never cycled).
        func colour(_ g: Int) -> String { g < 0 ? "#999999" : CategoryColours.colour(index: g) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(f(size + 2 * pad)) \(f(height))\" class=\"chart map\" aria-labelledby=\"\(id)-title\">"
        s += "<title id=\"\(id)-title\">\(HTML.escape(title))</title><text x=\"\(f(pad))\" y=\"20\" class=\"chart-title\">\(HTML.escape(title))</text>"
        s += "<rect x=\"\(f(pad))\" y=\"\(f(top))\" width=\"\(f(size))\" height=\"\(f(size))\" class=\"frame\" fill=\"none\"/>"
        for p in points {
            let cx = pad + (p.x - x0) / (x1 - x0) * size, cy = top + size - (p.y - y0) / (y1 - y0) * size
            s += "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"2.2\" fill=\"\(colour(p.group))\" fill-opacity=\"0.7\"/>"
        }
        let names = groupNames.enumerated().map { ($0.offset, $0.element) } + (points.contains { $0.group < 0 } ? [(-1, "other / not placed")] : [])
        for (k, entry) in names.enumerated() {
            let x = pad + Double(k % 3) * size / 3, y = top + size + 22 + 20 * Double(k / 3)
            let label = entry.1.count > 30 ? String(entry.1.prefix(29)) + "…" : entry.1
            s += "<rect x=\"\(f(x))\" y=\"\(f(y - 9))\" width=\"12\" height=\"12\" fill=\"\(colour(entry.0))\"/><text x=\"\(f(x + 18))\" y=\"\(f(y + 1))\" class=\"legend\">\(HTML.escape(label))</text>"
        }
        return s + "</svg>"
    }
}

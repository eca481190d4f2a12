import Foundation
import Outputs
import Tables

/// A node-link drawing of a run's network from `network.csv` (positions, adoption, attributes) and
/// `network-edges.csv`: one SVG coloured by a categorical attribute (organisation, profession) and
/// one by mean adoption time on a colour-blind-safe sequential scale (grey: never adopted).
public struct NetworkDrawing {
    public struct Node {
        public var x: Double
        public var y: Double
        public var adoptionTime: Double
        public var attributes: [String]
    }

    public var nodes: [Node]
    public var edges: [(Int, Int)]
    public var attributeNames: [String]
    /// Ties drawn at most (a sample in file order above it keeps the page light).
    public var edgeLimit = 40_000

    /// Reads the two files; nil when the run has no drawing (too large, or `outputs.network: false`).
    public static func read(runDirectory dir: URL) throws -> NetworkDrawing? {
        let nodesURL = dir.appendingPathComponent(RunFolder.File.network), edgesURL = dir.appendingPathComponent(RunFolder.File.networkEdges)
        guard FileManager.default.fileExists(atPath: nodesURL.path), FileManager.default.fileExists(atPath: edgesURL.path) else { return nil }
        var header: [String] = []
        var nodes: [Node] = []
        var names: [String] = []
        var base = RunFolder.networkColumns.count
        try DelimitedReader(contentsOf: nodesURL).forEachRecord { r in
            if header.isEmpty {
                header = try (0..<r.count).map { try r.string($0) }
                if header.starts(with: RunFolder.networkColumns) {
                    base = RunFolder.networkColumns.count
                } else if header.starts(with: RunFolder.earlierNetworkColumns) {
                    base = RunFolder.earlierNetworkColumns.count
                } else {
                    throw TableError(file: nodesURL.path, line: r.line, message: "expected the columns \(RunFolder.networkColumns.joined(separator: ", "))")
                }
                names = Array(header.dropFirst(base))
                return
            }
            guard r.count == header.count else {
                throw TableError(file: nodesURL.path, line: r.line, message: "this row has \(r.count) fields, the header \(header.count)")
            }
            nodes.append(Node(x: r.double(2) ?? 0.5, y: r.double(3) ?? 0.5, adoptionTime: r.double(5) ?? .nan,
                              attributes: try (base..<r.count).map { try r.string($0) }))
        }
        var edges: [(Int, Int)] = []
        var first = true
        try DelimitedReader(contentsOf: edgesURL).forEachRecord { r in
            if first { first = false; return }
            guard let u = r.double(0).map(Int.init), let v = r.double(1).map(Int.init), u >= 0, v >= 0, u < nodes.count, v < nodes.count else {
                throw TableError(file: edgesURL.path, line: r.line, message: "expected two node numbers below \(nodes.count)")
            }
            edges.append((u, v))
        }
        return NetworkDrawing(nodes: nodes, edges: edges, attributeNames: names)
    }

    /// Viridis stops (RGB), parsed once: the scale is looked up for every person in the drawing.
    static let sequential: [(Double, Double, Double)] = ["#440154", "#3B528B", "#21918C", "#5EC962", "#FDE725"].map { hex in
        let v = Int(hex.dropFirst(), radix: 16)!
        return (Double(v >> 16), Double((v >> 8) & 0xFF), Double(v & 0xFF))
    }

    /// Viridis at t ∈ [0, 1], interpolated between five stops.
    static func sequentialColour(_ t: Double) -> String {
        let stops = sequential
        let s = min(1, max(0, t)) * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(s)), f = s - Double(i)
        let (a, b) = (stops[i], stops[i + 1])
        return String(format: "#%02X%02X%02X", Int((a.0 + (b.0 - a.0) * f).rounded()), Int((a.1 + (b.1 - a.1) * f).rounded()), Int((a.2 + (b.2 - a.2) * f).rounded()))
    }

    /// The drawing coloured by attribute `index` (nil: by adoption time).
    public func svg(colourBy index: Int?, id: String, colours palette: CategoryColours? = nil) -> String {
        let size = 620.0, pad = 12.0, top = 30.0
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        func px(_ n: Node) -> (String, String) { (f(pad + n.x * size), f(top + (1 - n.y) * size)) }
        let radius = max(1.3, min(5, 140 / Double(max(1, nodes.count)).squareRoot()))
        var legend: [(String, String)] = []
        var colours: [String]
        let title: String
        if let index {
            title = "The network, coloured by \(attributeNames[index])"
            var levels: [String] = []
            for n in nodes where !levels.contains(n.attributes[index]) { levels.append(n.attributes[index]) }
            // The report's colours for this attribute when given (the same as its chart), else in order of appearance.
            let key = palette ?? CategoryColours(levels)
            let shown = levels.filter { key.colour($0) != CategoryColours.other }.sorted {
                (key.categories.firstIndex(of: $0) ?? .max) < (key.categories.firstIndex(of: $1) ?? .max) }
            colours = nodes.map { key.colour($0.attributes[index]) }
            legend = shown.map { (key.colour($0), $0.isEmpty ? "(none)" : $0) }
            if levels.count > shown.count { legend.append((CategoryColours.other, "other (\(levels.count - shown.count))")) }
        } else {
            title = "The network, coloured by mean adoption step (grey: never adopted)"
            let times = nodes.map(\.adoptionTime).filter(\.isFinite)
            let (t0, t1) = (times.min() ?? 0, max(times.max() ?? 1, (times.min() ?? 0) + 1e-9))
            colours = nodes.map { $0.adoptionTime.isFinite ? Self.sequentialColour(($0.adoptionTime - t0) / (t1 - t0)) : "#C8C8C8" }
            legend = [(Self.sequentialColour(0), "step \(LineChart.format(t0.rounded()))"), (Self.sequentialColour(0.5), "step \(LineChart.format(((t0 + t1) / 2).rounded()))"),
                      (Self.sequentialColour(1), "step \(LineChart.format(t1.rounded()))"), ("#C8C8C8", "never adopted")]
        }
        let height = top + size + 16 + 20 * ceil(Double(legend.count) / 4)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(f(size + 2 * pad)) \(f(height))\" class=\"chart network\" aria-labelledby=\"\(id)-title\">"
        s += "<title id=\"\(id)-title\">\(HTML.escape(title))</title><text x=\"\(f(pad))\" y=\"20\" class=\"chart-title\">\(HTML.escape(title))</text>"
        // Ties as one path; every k-th when there are more than the limit.
        let stride = max(1, (edges.count + edgeLimit - 1) / edgeLimit)
        var path = ""
        path.reserveCapacity(min(edges.count, edgeLimit) * 28)
        for e in Swift.stride(from: 0, to: edges.count, by: stride) {
            let (a, b) = (px(nodes[edges[e].0]), px(nodes[edges[e].1]))
            path += "M\(a.0) \(a.1)L\(b.0) \(b.1)"
        }
        s += "<path d=\"\(path)\" class=\"ties\" stroke=\"#9A9A9A\" stroke-opacity=\"0.35\" stroke-width=\"0.6\" fill=\"none\"/>"
        // Never-adopted first, so coloured people are drawn on top.
        let order = nodes.indices.sorted { (nodes[$0].adoptionTime.isFinite ? 1 : 0, $0) < (nodes[$1].adoptionTime.isFinite ? 1 : 0, $1) }
        for i in order {
            let (cx, cy) = px(nodes[i])
            s += "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(f(radius))\" fill=\"\(colours[i])\"/>"
        }
        for (k, entry) in legend.enumerated() {
            let x = pad + Double(k % 4) * size / 4, y = top + size + 22 + 20 * Double(k / 4)
            let label = entry.1.count > 28 ? String(entry.1.prefix(27)) + "…" : entry.1
            s += "<rect x=\"\(f(x))\" y=\"\(f(y - 9))\" width=\"12\" height=\"12\" fill=\"\(entry.0)\"/><text x=\"\(f(x + 18))\" y=\"\(f(y + 1))\" class=\"legend\">\(HTML.escape(label))</text>"
        }
        if stride > 1 { s += "<text x=\"\(f(pad))\" y=\"\(f(height - 2))\" class=\"tick\">one tie in \(stride) drawn</text>" }
        return s + "</svg>"
    }
}

import Foundation
import Outputs
import Tables

/// The network drawn by group, from `network-groups.csv` and `network-group-ties.csv`: a circle
/// per group (area: its size; colour: the share practising at the end) and a line per pair of groups
/// with ties between them (width: how many). What a reader can see of a network too large to draw
/// person by person.
public struct GroupNetworkDrawing {
    public struct Group {
        public var label: String
        public var size: Double
        public var x: Double
        public var y: Double
        public var adoptedShare: Double
    }

    public var attribute: String
    public var groups: [Group]
    public var ties: [(Int, Int, Double)]

    /// nil when the folder has no group drawing.
    public static func read(runDirectory dir: URL) throws -> GroupNetworkDrawing? {
        let nodesURL = dir.appendingPathComponent(RunFolder.File.groupNetwork), tiesURL = dir.appendingPathComponent(RunFolder.File.groupNetworkTies)
        guard FileManager.default.fileExists(atPath: nodesURL.path), FileManager.default.fileExists(atPath: tiesURL.path) else { return nil }
        var groups: [Group] = [], attribute = "group", first = true
        try DelimitedReader(contentsOf: nodesURL).forEachRecord { r in
            if first {
                first = false
                let header = try (0..<r.count).map { try r.string($0) }
                guard header == RunFolder.groupNetworkColumns else {
                    throw TableError(file: nodesURL.path, line: r.line, message: "expected the columns \(RunFolder.groupNetworkColumns.joined(separator: ", "))")
                }
                return
            }
            guard r.count == RunFolder.groupNetworkColumns.count, let size = r.double(3), let x = r.double(4), let y = r.double(5) else {
                throw TableError(file: nodesURL.path, line: r.line, message: "expected group, attribute, label, size, x, y, adopted_share")
            }
            attribute = try r.string(1)
            groups.append(Group(label: try r.string(2), size: size, x: x, y: y, adoptedShare: r.double(6) ?? .nan))
        }
        var ties: [(Int, Int, Double)] = []
        first = true
        try DelimitedReader(contentsOf: tiesURL).forEachRecord { r in
            if first { first = false; return }
            guard let u = r.double(0).map(Int.init), let v = r.double(1).map(Int.init), let w = r.double(2),
                  u >= 0, v >= 0, u < groups.count, v < groups.count else {
                throw TableError(file: tiesURL.path, line: r.line, message: "expected two group numbers below \(groups.count) and a count of ties")
            }
            ties.append((u, v, w))
        }
        return GroupNetworkDrawing(attribute: attribute, groups: groups, ties: ties)
    }

    public func svg(id: String) -> String {
        let size = 620.0, pad = 40.0, top = 30.0
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        func px(_ g: Group) -> (Double, Double) { (pad + g.x * (size - 2 * pad), top + pad + (1 - g.y) * (size - 2 * pad)) }
        let biggest = max(groups.map(\.size).max() ?? 1, 1), heaviest = max(ties.map(\.2).max() ?? 1, 1)
        let title = "The network by \(attribute): \(groups.count) groups, ties between them"
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(f(size)) \(f(top + size + 30))\" class=\"chart network groups\" aria-labelledby=\"\(id)-title\">"
        s += "<title id=\"\(id)-title\">\(HTML.escape(title))</title><text x=\"0\" y=\"20\" class=\"chart-title\">\(HTML.escape(title))</text>"
        for (u, v, w) in ties {
            let (a, b) = (px(groups[u]), px(groups[v]))
            s += "<line x1=\"\(f(a.0))\" y1=\"\(f(a.1))\" x2=\"\(f(b.0))\" y2=\"\(f(b.1))\" stroke=\"#8A8A8A\" stroke-opacity=\"\(f(0.1 + 0.6 * w / heaviest))\" stroke-width=\"\(f(0.5 + 5.5 * (w / heaviest).squareRoot()))\" class=\"group-tie\"><title>\(HTML.escape(groups[u].label)) – \(HTML.escape(groups[v].label)): \(LineChart.format(w)) ties</title></line>"
        }
        let radiusScale = min(30, 150 / Double(max(groups.count, 1)).squareRoot())
        for g in groups {
            let (cx, cy) = px(g)
            let colour = g.adoptedShare.isFinite ? NetworkDrawing.sequentialColour(g.adoptedShare) : "#C8C8C8"
            let share = g.adoptedShare.isFinite ? String(format: ", %.0f%% practising at the end", 100 * g.adoptedShare) : ""
            s += "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"\(f(max(3, radiusScale * (g.size / biggest).squareRoot())))\" fill=\"\(colour)\" stroke=\"#333\" stroke-width=\"0.6\" class=\"group\"><title>\(HTML.escape(g.label)): \(LineChart.format(g.size)) people\(share)</title></circle>"
        }
        var legend = [(NetworkDrawing.sequentialColour(0), "0% practising"), (NetworkDrawing.sequentialColour(0.5), "50%"), (NetworkDrawing.sequentialColour(1), "100%")]
        if groups.contains(where: { !$0.adoptedShare.isFinite }) { legend.append(("#C8C8C8", "not broken down by \(attribute)")) }
        for (k, entry) in legend.enumerated() {
            let x = Double(k) * size / 4, y = top + size + 16
            s += "<rect x=\"\(f(x))\" y=\"\(f(y - 9))\" width=\"12\" height=\"12\" fill=\"\(entry.0)\"/><text x=\"\(f(x + 18))\" y=\"\(f(y + 1))\" class=\"legend\">\(entry.1)</text>"
        }
        return s + "</svg>"
    }
}

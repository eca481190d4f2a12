import Foundation
import Tables

/// Reads Pajek `.net` files: `*Vertices n` with optional quoted labels (coordinates and shape
/// options after the label are ignored), then `*Edges`, `*Arcs`, `*Edgeslist` or `*Arcslist`
/// sections with optional weights. A file with any arcs is directed (its edges become arc pairs).
/// Lines starting with `%` are comments.
public enum PajekReader {
    /// Most vertices a file may declare: node ids are 32-bit, and each vertex costs a label (a file of
    /// 10¹² vertices would run until memory ran out).
    public static let maximumVertices = 100_000_000

    public static func read(_ url: URL, options: EdgeListOptions = EdgeListOptions()) throws -> Graph {
        let file = url.path
        guard let data = FileManager.default.contents(atPath: url.path) else { throw TableError(file: file, line: 0, message: "cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw TableError(file: file, line: 0, message: "not text")
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let hasArcs = lines.contains { $0.lowercased().hasPrefix("*arcs") }
        let directed = options.directed || hasArcs
        var builder = GraphBuilder(directed: directed, duplicates: options.duplicates, selfLoops: options.selfLoops)
        enum Section { case none, vertices, edges, arcs, edgesList, arcsList }
        var section = Section.none
        var vertexCount = 0
        var verticesLine: Int?
        var weighted = false
        var labels: [String] = []
        var labelLine: [String: Int] = [:]
        func vertex(_ token: Substring, line: Int, column: Int) throws -> Int {
            guard let k = Int(token), k >= 1, k <= vertexCount else {
                throw TableError(file: file, line: line, column: column, message: "vertex \"\(token)\" is not a number in 1…\(vertexCount)")
            }
            return k - 1
        }
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if line.isEmpty || line.hasPrefix("%") { continue }
            if line.hasPrefix("*") {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                switch words[0].lowercased() {
                case "*vertices":
                    guard words.count >= 2, let n = Int(words[1]), n >= 0 else {
                        throw TableError(file: file, line: number, message: "expected *Vertices followed by the number of vertices")
                    }
                    guard n <= Self.maximumVertices else {
                        throw TableError(file: file, line: number, message: "*Vertices \(n) is more than Skein reads from a Pajek file (at most \(Self.maximumVertices))")
                    }
                    if let first = verticesLine {
                        throw TableError(file: file, line: number, message: "a second *Vertices section (the first is on line \(first)); a network file has one")
                    }
                    verticesLine = number
                    vertexCount = n
                    builder.nodes.appendIndexed(n)
                    labels = (1...max(1, n)).map(String.init)
                    if n == 0 { labels = [] }
                    section = .vertices
                case "*edges": section = .edges
                case "*arcs": section = .arcs
                case "*edgeslist": section = .edgesList
                case "*arcslist": section = .arcsList
                case "*network", "*description": continue
                case "*matrix": throw TableError(file: file, line: number, message: "*Matrix sections are not supported; export the network as *Edges or *Arcs")
                default: throw TableError(file: file, line: number, message: "unknown section \(words[0]) (expected *Vertices, *Edges, *Arcs, *Edgeslist or *Arcslist)")
                }
                continue
            }
            switch section {
            case .none:
                throw TableError(file: file, line: number, message: "data before *Vertices")
            case .vertices:
                // `k "label" x y z …`: relabel vertex k.
                let words = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
                let k = try vertex(words[0], line: number, column: 1)
                guard words.count > 1 else { continue }
                let rest = words[1]
                let label: String
                if rest.hasPrefix("\"") {
                    guard let close = rest.dropFirst().firstIndex(of: "\"") else {
                        throw TableError(file: file, line: number, message: "unterminated quoted label")
                    }
                    label = String(rest[rest.index(after: rest.startIndex)..<close])
                } else {
                    label = String(rest.split(whereSeparator: { $0 == " " || $0 == "\t" })[0])
                }
                if let previous = labelLine[label] {
                    throw TableError(file: file, line: number, message: "label \"\(label)\" is also used on line \(previous); labels must be unique")
                }
                labelLine[label] = number
                labels[k] = label
            case .edges, .arcs:
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard words.count >= 2 else { throw TableError(file: file, line: number, message: "expected two vertex numbers and an optional weight") }
                let u = try vertex(words[0], line: number, column: 1), v = try vertex(words[1], line: number, column: 2)
                var weight = 1.0
                if words.count >= 3 && !options.ignoreWeights {
                    guard let w = Double(words[2]), w.isFinite, w >= 0 else {
                        throw TableError(file: file, line: number, column: 3, message: "weight \"\(words[2])\" is not a non-negative number")
                    }
                    weight = w
                    weighted = true
                }
                builder.addEdge(u, v, weight: weight)
                if section == .edges && directed && u != v { builder.addEdge(v, u, weight: weight) }
            case .edgesList, .arcsList:
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                let u = try vertex(words[0], line: number, column: 1)
                for (i, w) in words.dropFirst().enumerated() {
                    let v = try vertex(w, line: number, column: i + 2)
                    builder.addEdge(u, v)
                    if section == .edgesList && directed && u != v { builder.addEdge(v, u) }
                }
            }
        }
        // Vertices keep their numbers' order; labels replace the numbers as external names.
        if !labels.isEmpty {
            var seen = Set<String>()
            for (k, label) in labels.enumerated() where !seen.insert(label).inserted {
                throw TableError(file: file, line: labelLine[label] ?? 0, message: "label \"\(label)\" is also vertex \(k + 1)'s number; labels must be unique")
            }
            builder.nodes = NodeTable(labels: labels)
        }
        return try builder.build(weighted: weighted)
    }
}

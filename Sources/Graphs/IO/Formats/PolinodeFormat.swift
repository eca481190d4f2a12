import Foundation
import Tables

/// Polinode networks: JSON (`nodes` with `id` and attributes, `edges` with `source`/`target`) or
/// the Excel layout (Nodes and Edges sheets). Written as the same JSON.
public enum PolinodeFormat: NetworkFormat {
    public static let name = "polinode"
    public static let extensions = ["json", "xlsx", "xlsm"]
    public static let summary = "Polinode: JSON (nodes, edges) or Excel (Nodes and Edges sheets); writes both"
    public static let canWrite = true

    public static func claims(_ url: URL) -> Bool {
        switch url.pathExtension.lowercased() {
        case "json": return JSONRecords.has(url, keys: ["nodes"]) || JSONRecords.has(url, keys: ["edges"])
        default: return WorkbookFormat.hasSheets(url, ["Nodes", "Edges"])
        }
    }

    public static func read(_ url: URL, options: NetworkReadOptions) throws -> Graph {
        guard url.pathExtension.lowercased() == "json" else {
            return try WorkbookFormat.read(url, options: options, defaultDirected: options.edges.directed)
        }
        let document = try JSONRecords(url)
        let nodes = try document.table(["nodes", "Nodes"])
        let edges = try document.table(["edges", "Edges", "links"])
        guard nodes != nil || edges != nil else {
            throw TableError(file: url.path, line: 0, message: "a Polinode network needs \"nodes\" or \"edges\" (found \(document.root.keys.sorted().joined(separator: ", ")))")
        }
        return try TableNetwork(defaultDirected: options.edges.directed, options: options.edges).build(nodes: nodes, edges: edges)
    }

    public static func write(_ graph: Graph, to url: URL) throws {
        if ["xlsx", "xlsm"].contains(url.pathExtension.lowercased()) {
            let sheets = KumuFormat.workbook(graph, people: "Nodes", id: "Name", ties: "Edges", ends: ("Source", "Target"), kumu: false)
            try AtomicFile.write(try WorkbookWriter.data(sheets), to: url)
        } else {
            try AtomicFile.write(json(graph), to: url)
        }
    }

    /// `{"nodes": [{"id": …, attributes…}], "edges": [{"source": …, "target": …, "weight"?, "relation"?}], "directed": …}`.
    public static func json(_ graph: Graph) -> String {
        let nodes = graph.nodes
        var out = "{\n  \"directed\": \(graph.isDirected),\n  \"nodes\": [\n"
        for v in 0..<graph.nodeCount {
            var fields = ["\"id\": \(JSONText.string(nodes.label(v)))"]
            for name in nodes.attributeNames where name != "id" {
                guard let column = nodes[attribute: name] else { continue }
                switch column {
                case let .numeric(values):
                    if !values[v].isNaN { fields.append("\(JSONText.string(name)): \(JSONText.number(values[v]))") }
                case let .categorical(codes, levels):
                    if codes[v] >= 0 { fields.append("\(JSONText.string(name)): \(JSONText.string(levels[Int(codes[v])]))") }
                }
            }
            out += "    {" + fields.joined(separator: ", ") + "}" + (v + 1 < graph.nodeCount ? "," : "") + "\n"
        }
        out += "  ],\n  \"edges\": [\n"
        var lines: [String] = []
        let weights = graph.csrWeights
        GraphWriter.forEachEdge(graph) { u, v, p in
            var fields = ["\"source\": \(JSONText.string(nodes.label(u)))", "\"target\": \(JSONText.string(nodes.label(v)))"]
            if let weights { fields.append("\"weight\": \(JSONText.number(weights[p]))") }
            if !graph.relationNames.isEmpty { fields.append("\"relation\": \(JSONText.string(GraphWriter.relationText(graph, arc: p)))") }
            lines.append("    {" + fields.joined(separator: ", ") + "}")
        }
        out += lines.joined(separator: ",\n") + (lines.isEmpty ? "" : "\n") + "  ]\n}\n"
        return out
    }
}

import Foundation
import Tables

/// Kumu maps: a JSON export or import file (`elements` with `label`, `type` and fields;
/// `connections` with `from`, `to`, `direction`, `type`) or Kumu's Excel layout (an Elements sheet
/// with `Label` and optional `ID`, a Connections sheet with `From`/`To`). Connections name elements
/// by id or label; they are directed unless their `direction` says undirected or mutual. Written
/// as Kumu JSON, every node attribute a field (results included), so a run opens as a new map.
public enum KumuFormat: NetworkFormat {
    public static let name = "kumu"
    public static let extensions = ["json", "xlsx", "xlsm"]
    public static let summary = "Kumu map: JSON (elements, connections) or Excel (Elements and Connections sheets); writes both"
    public static let canWrite = true

    public static func claims(_ url: URL) -> Bool {
        switch url.pathExtension.lowercased() {
        case "json": return JSONRecords.has(url, keys: ["elements"]) || JSONRecords.has(url, keys: ["connections"])
        default: return WorkbookFormat.hasSheets(url, ["Elements"]) || WorkbookFormat.hasSheets(url, ["Connections"])
        }
    }

    public static func read(_ url: URL, options: NetworkReadOptions) throws -> Graph {
        guard url.pathExtension.lowercased() == "json" else {
            var options = options
            options.nodesSheet = options.nodesSheet ?? (WorkbookFormat.hasSheets(url, ["Elements"]) ? "Elements" : nil)
            options.edgesSheet = options.edgesSheet ?? (WorkbookFormat.hasSheets(url, ["Connections"]) ? "Connections" : nil)
            return try WorkbookFormat.read(url, options: options, defaultDirected: true)
        }
        let document = try JSONRecords(url)
        let elements = try document.table(["elements"]).map(withoutKumuIDs)
        let connections = try document.table(["connections"]).map(withoutKumuIDs)
        guard elements != nil || connections != nil else {
            throw TableError(file: url.path, line: 0, message: "a Kumu map needs \"elements\" or \"connections\" (found \(document.root.keys.sorted().joined(separator: ", ")))")
        }
        return try TableNetwork(defaultDirected: true, options: options.edges).build(nodes: elements, edges: connections)
    }

    /// Kumu's exports give every record an internal `_id`, and connections name their ends by it.
    /// An element keeps its label (or explicit ID) as its id, with `_id` as a second name ties may
    /// use (`kumu id`); a connection's own `_id` is dropped.
    static func withoutKumuIDs(_ table: CellTable) -> CellTable {
        guard case let .records(_, list) = table.origin, let c = table.header.firstIndex(of: "_id") else { return table }
        var header = table.header
        if list == "elements" {
            header[c] = "kumu id"
            return CellTable(origin: table.origin, header: header, rows: table.rows, lines: table.lines, headerLine: table.headerLine)
        }
        header.remove(at: c)
        return CellTable(origin: table.origin, header: header, rows: table.rows.map { var r = $0; r.remove(at: c); return r },
                         lines: table.lines, headerLine: table.headerLine)
    }

    /// `.json` as Kumu JSON; `.xlsx` as Kumu's Excel layout (Elements, Connections).
    public static func write(_ graph: Graph, to url: URL) throws {
        if ["xlsx", "xlsm"].contains(url.pathExtension.lowercased()) {
            try AtomicFile.write(try WorkbookWriter.data(workbook(graph, people: "Elements", id: "Label", ties: "Connections",
                                                                  ends: ("From", "To"), kumu: true)), to: url)
        } else {
            try AtomicFile.write(json(graph), to: url)
        }
    }

    /// A sheet of people (id, then every attribute; `|`-separated values as Kumu writes them,
    /// `a | b`) and a sheet of ties (ends, direction, relation, weight).
    static func workbook(_ graph: Graph, people: String, id: String, ties: String, ends: (String, String), kumu: Bool) -> [WorkbookWriter.Sheet] {
        let nodes = graph.nodes
        let names = nodes.attributeNames.filter { $0.lowercased() != id.lowercased() }
        var peopleRows: [[WorkbookWriter.Cell]] = [[.text(id)] + names.map { .text($0) }]
        for v in 0..<graph.nodeCount {
            var row: [WorkbookWriter.Cell] = [.text(nodes.label(v))]
            for name in names {
                switch nodes[attribute: name]! {
                case let .numeric(values): row.append(values[v].isNaN ? .empty : .number(values[v]))
                case let .categorical(codes, levels):
                    let text = codes[v] >= 0 ? levels[Int(codes[v])] : ""
                    row.append(text.isEmpty ? .empty : .text(kumu ? text.replacingOccurrences(of: "|", with: " | ") : text))
                }
            }
            peopleRows.append(row)
        }
        let hasRelations = !graph.relationNames.isEmpty
        var tieRows: [[WorkbookWriter.Cell]] = [[.text(ends.0), .text(ends.1)] + (kumu ? [.text("Direction")] : [])
            + (hasRelations ? [.text("Type")] : []) + (graph.isWeighted ? [.text(kumu ? "Strength" : "Weight")] : [])]
        let weights = graph.csrWeights
        GraphWriter.forEachEdge(graph) { u, v, p in
            var row: [WorkbookWriter.Cell] = [.text(nodes.label(u)), .text(nodes.label(v))]
            if kumu { row.append(.text(graph.isDirected ? "directed" : "undirected")) }
            if hasRelations { row.append(.text(GraphWriter.relationText(graph, arc: p))) }
            if let weights { row.append(.number(weights[p])) }
            tieRows.append(row)
        }
        return [WorkbookWriter.Sheet(name: people, rows: peopleRows), WorkbookWriter.Sheet(name: ties, rows: tieRows)]
    }

    /// Kumu JSON: elements labelled by node label with every attribute as a field (lists for
    /// `|`-separated values), connections `from`/`to` by label with their direction, relation as
    /// the connection type and weight as strength.
    public static func json(_ graph: Graph) -> String {
        let nodes = graph.nodes
        var out = "{\n  \"elements\": [\n"
        for v in 0..<graph.nodeCount {
            var fields = ["\"label\": \(JSONText.string(nodes.label(v)))"]
            for name in nodes.attributeNames where name.lowercased() != "label" {
                guard let column = nodes[attribute: name] else { continue }
                switch column {
                case let .numeric(values):
                    if !values[v].isNaN { fields.append("\(JSONText.string(name)): \(JSONText.number(values[v]))") }
                case let .categorical(codes, levels):
                    guard codes[v] >= 0 else { continue }
                    let text = levels[Int(codes[v])]
                    let value = text.contains("|") ? "[" + text.split(separator: "|").map { JSONText.string(String($0)) }.joined(separator: ", ") + "]" : JSONText.string(text)
                    fields.append("\(JSONText.string(name)): \(value)")
                }
            }
            out += "    {" + fields.joined(separator: ", ") + "}" + (v + 1 < graph.nodeCount ? "," : "") + "\n"
        }
        out += "  ],\n  \"connections\": [\n"
        var lines: [String] = []
        let weights = graph.csrWeights
        GraphWriter.forEachEdge(graph) { u, v, p in
            var fields = ["\"from\": \(JSONText.string(nodes.label(u)))", "\"to\": \(JSONText.string(nodes.label(v)))",
                          "\"direction\": \"\(graph.isDirected ? "directed" : "undirected")\""]
            if !graph.relationNames.isEmpty { fields.append("\"type\": \(JSONText.string(GraphWriter.relationText(graph, arc: p)))") }
            if let weights { fields.append("\"strength\": \(JSONText.number(weights[p]))") }
            lines.append("    {" + fields.joined(separator: ", ") + "}")
        }
        out += lines.joined(separator: ",\n") + (lines.isEmpty ? "" : "\n") + "  ]\n}\n"
        return out
    }
}

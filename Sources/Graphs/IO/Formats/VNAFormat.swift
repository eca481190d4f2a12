import Foundation
import Tables

/// UCINET and NetDraw `.vna`: `*node data` (a header, then one row per node, id first),
/// optional `*node properties` (NetDraw's layout, skipped), and `*tie data` (`from to` then one
/// column per relation or strength). Values are separated by spaces; double quotes hold spaces.
/// Ties run from → to; with several value columns each is a relation layer (a tie is in the layers
/// where its value is not 0, its weight the largest of those values).
public enum VNAFormat: NetworkFormat {
    public static let name = "vna"
    public static let extensions = ["vna"]
    public static let summary = "UCINET/NetDraw .vna: *node data, *tie data (directed, one column per relation)"
    public static let canWrite = true

    public static func read(_ url: URL, options: NetworkReadOptions) throws -> Graph {
        let reader = try VNALines(url)
        enum Section { case none, nodes, properties, ties }
        var section = Section.none
        var seen: [String: Int] = [:]
        var header: [String]? = nil
        var nodeRows: [[String]] = [], nodeLines: [Int] = [], nodeHeader: [String] = [], nodeHeaderLine = 1
        var tieRows: [[String]] = [], tieLines: [Int] = [], tieHeader: [String] = [], tieHeaderLine = 1
        try reader.forEachRecord { record in
            let fields = record.fields
            if let first = fields.first, first.hasPrefix("*") {
                let name = fields.joined(separator: " ").lowercased()
                if let earlier = seen[name] {
                    throw TableError(file: reader.file, line: record.line, column: 1,
                                     message: "a second \(name) section (the first is on line \(earlier)); a .vna file has one of each")
                }
                seen[name] = record.line
                switch name {
                case "*node data": section = .nodes
                case "*node properties": section = .properties
                case "*tie data": section = .ties
                default:
                    throw TableError(file: reader.file, line: record.line, column: 1,
                                     message: "unknown section \(fields.joined(separator: " ")) (expected *node data, *node properties or *tie data)")
                }
                header = nil
                return
            }
            guard section != .none else {
                throw TableError(file: reader.file, line: record.line, column: 1, message: "data before any section (a .vna file starts with *node data or *tie data)")
            }
            if header == nil {
                header = fields
                if section == .nodes { nodeHeader = fields; nodeHeaderLine = record.line }
                if section == .ties { tieHeader = fields; tieHeaderLine = record.line }
                return
            }
            let width = header!.count
            guard fields.count <= width else {
                throw TableError(file: reader.file, line: record.line, message: "expected \(width) values as in the section's header, found \(fields.count)")
            }
            let padded = fields + Array(repeating: "", count: width - fields.count)
            switch section {
            case .nodes: nodeRows.append(padded); nodeLines.append(record.line)
            case .ties: tieRows.append(padded); tieLines.append(record.line)
            case .properties, .none: break
            }
        }
        guard !tieHeader.isEmpty || !nodeHeader.isEmpty else {
            throw TableError(file: reader.file, line: 0, message: "no *node data or *tie data section")
        }
        // Node data's first column is the id whatever it is called.
        if !nodeHeader.isEmpty { nodeHeader[0] = "id" }
        let nodes = nodeHeader.isEmpty ? nil
            : CellTable(origin: .text(file: reader.file), header: nodeHeader, rows: nodeRows, lines: nodeLines, headerLine: nodeHeaderLine)
        guard !tieHeader.isEmpty else {
            return try TableNetwork(defaultDirected: true, options: options.edges).build(nodes: nodes, edges: nil)
        }
        guard tieHeader.count >= 2 else {
            throw TableError(file: reader.file, line: tieHeaderLine, message: "*tie data needs from and to columns")
        }
        // Value columns: one is the tie's strength; several are relation layers (zero: not in it).
        let values = Array(tieHeader.indices.dropFirst(2))
        var rows: [[String]] = []
        var lines: [Int] = []
        for (r, row) in tieRows.enumerated() {
            var out = [row[0], row[1]]
            if values.count == 1 {
                out.append(row[values[0]])
            } else if values.count > 1 {
                var layers: [String] = [], strength = 0.0
                for c in values {
                    guard row[c].isEmpty || Double(row[c]) != nil else {
                        throw TableError(file: reader.file, line: tieLines[r], column: c + 1, message: "\(tieHeader[c]) \"\(row[c])\" is not a number")
                    }
                    if let x = Double(row[c]), x != 0 { layers.append(tieHeader[c]); strength = max(strength, x) }
                }
                if layers.isEmpty { continue }
                out.append(JSONText.number(strength))
                out.append(layers.joined(separator: ";"))
            }
            rows.append(out)
            lines.append(tieLines[r])
        }
        let edgeHeader = ["from", "to"] + (values.count == 1 ? ["weight"] : values.count > 1 ? ["weight", "relation"] : [])
        let edges = CellTable(origin: .text(file: reader.file), header: edgeHeader, rows: rows, lines: lines, headerLine: tieHeaderLine)
        return try TableNetwork(defaultDirected: true, options: options.edges).build(nodes: nodes, edges: edges)
    }

    /// A .vna file's lines as fields: split on spaces and tabs, double quotes holding spaces.
    struct VNALines {
        let file: String
        let text: String
        struct Record { let line: Int; let fields: [String] }

        init(_ url: URL) throws {
            file = url.path
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw TableError(file: url.path, line: 0, message: "cannot read the file (\(error.localizedDescription))")
            }
            text = String(decoding: try TextEncoding.decode([UInt8](data), file: url.path).bytes, as: UTF8.self)
        }

        func forEachRecord(_ body: (Record) throws -> Void) throws {
            var number = 0
            for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
                number += 1
                var fields: [String] = [], current = "", quoted = false, inField = false
                for ch in raw where ch != "\r" {
                    if ch == "\"" {
                        quoted.toggle()
                        inField = true
                    } else if !quoted && (ch == " " || ch == "\t") {
                        if inField { fields.append(current); current = ""; inField = false }
                    } else {
                        current.append(ch)
                        inField = true
                    }
                }
                guard !quoted else { throw TableError(file: file, line: number, message: "a quoted value is never closed (expected a closing \")") }
                if inField { fields.append(current) }
                if !fields.isEmpty { try body(Record(line: number, fields: fields)) }
            }
        }
    }

    public static func write(_ graph: Graph, to url: URL) throws {
        let nodes = graph.nodes
        func field(_ s: String) -> String {
            let clean = s.replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "\n", with: " ")
            return clean.isEmpty || clean.contains(where: { $0 == " " || $0 == "\t" }) ? "\"\(clean)\"" : clean
        }
        var out = "*node data\n"
        out += (["ID"] + nodes.attributeNames).map(field).joined(separator: " ") + "\n"
        for v in 0..<graph.nodeCount {
            var row = [field(nodes.label(v))]
            for name in nodes.attributeNames { row.append(field(nodes[attribute: name]!.text(for: v))) }
            out += row.joined(separator: " ") + "\n"
        }
        let relations = graph.relationNames
        out += "*tie data\n"
        out += (["from", "to"] + (relations.isEmpty ? ["strength"] : relations)).map(field).joined(separator: " ") + "\n"
        let weights = graph.csrWeights
        let offsets = graph.csrOffsets, targets = graph.csrTargets
        // Every arc: an undirected tie is written both ways, as UCINET's symmetric matrices hold it.
        for u in 0..<graph.nodeCount {
            for p in offsets[u]..<offsets[u + 1] {
                var row = [field(nodes.label(u)), field(nodes.label(Int(targets[p])))]
                if relations.isEmpty {
                    row.append(weights.map { JSONText.number($0[p]) } ?? "1")
                } else {
                    let mask = graph.relationMask(arc: p), w = weights.map { JSONText.number($0[p]) } ?? "1"
                    for i in relations.indices { row.append(mask & (1 << UInt32(i)) != 0 ? w : "0") }
                }
                out += row.joined(separator: " ") + "\n"
            }
        }
        try AtomicFile.write(out, to: url)
    }
}

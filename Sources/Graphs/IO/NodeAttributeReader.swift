import Foundation
import Tables

/// What to do with a node that appears in an attribute file but in no edge.
public enum UnknownNodePolicy: String, Sendable {
    /// An error naming the file, line and node (catches mismatched ids between files).
    case reject
    /// Add it as an isolated node (survey respondents who named no one).
    case addIsolated = "add"
}

/// Reads a node-attribute table (CSV or TSV with a header): one row per node, the node's label in
/// the id column (`id`, `node_id`, `node`, `name`, `label`, or the first column), other columns as
/// attributes. A column whose every non-empty value is a number is numeric; the rest are categorical.
public enum NodeAttributeReader {
    static let idNames = ["id", "node_id", "node", "name", "label", "vertex"]

    public static func read(_ url: URL, into builder: inout GraphBuilder, idColumn: String? = nil,
                            unknownNodes: UnknownNodePolicy = .reject) throws {
        try read(url, into: &builder.nodes, idColumn: idColumn, unknownNodes: unknownNodes, canAddNodes: true)
    }

    /// Adds attribute columns to a graph already built (from GraphML, GEXF or Pajek); its node set is fixed.
    public static func merge(_ url: URL, into graph: inout Graph, idColumn: String? = nil, unknownNodes: UnknownNodePolicy = .reject) throws {
        try read(url, into: &graph.nodes, idColumn: idColumn, unknownNodes: unknownNodes, canAddNodes: false)
    }

    static func read(_ url: URL, into nodes: inout NodeTable, idColumn: String?, unknownNodes: UnknownNodePolicy, canAddNodes: Bool) throws {
        let reader = try DelimitedReader(contentsOf: url)
        var header: [String] = []
        var rows: [(line: Int, fields: [String])] = []
        try reader.forEachRecord { record in
            let fields = try (0..<record.count).map { try record.string($0) }
            if header.isEmpty {
                header = fields
            } else {
                rows.append((record.line, fields))
            }
        }
        guard !header.isEmpty else { throw TableError(file: reader.file, line: 1, message: "the file is empty (expected a header row)") }
        let idIndex: Int
        if let idColumn {
            guard let i = header.firstIndex(of: idColumn) else {
                throw TableError(file: reader.file, line: 1, message: "no column named \"\(idColumn)\" (columns: \(header.joined(separator: ", ")))")
            }
            idIndex = i
        } else {
            idIndex = header.firstIndex { idNames.contains($0.lowercased()) } ?? 0
        }
        var nodeOfRow: [Int] = []
        var seen = Set<Int>()
        for row in rows {
            guard row.fields.count == header.count else {
                throw TableError(file: reader.file, line: row.line,
                                 message: "expected \(header.count) fields as in the header, found \(row.fields.count)")
            }
            let label = row.fields[idIndex]
            var id = nodes.id(of: label)
            if id == nil {
                guard unknownNodes == .addIsolated else {
                    throw TableError(file: reader.file, line: row.line, column: idIndex + 1,
                                     message: "unknown node \"\(label)\": it is in no edge (use --add-isolates to add such nodes)")
                }
                guard canAddNodes else {
                    throw TableError(file: reader.file, line: row.line, column: idIndex + 1,
                                     message: "unknown node \"\(label)\": the network file declares no such node (add it there)")
                }
                id = nodes.intern(label)
            }
            guard seen.insert(id!).inserted else {
                throw TableError(file: reader.file, line: row.line, column: idIndex + 1, message: "node \"\(label)\" appears twice")
            }
            nodeOfRow.append(id!)
        }
        let n = nodes.count
        for (column, name) in header.enumerated() where column != idIndex {
            let values = rows.map { $0.fields[column] }
            let numeric = values.allSatisfy { $0.isEmpty || Double($0) != nil } && values.contains { !$0.isEmpty }
            if numeric {
                var column = [Double](repeating: .nan, count: n)
                for (r, v) in values.enumerated() where !v.isEmpty { column[nodeOfRow[r]] = Double(v)! }
                nodes.setAttribute(name, .numeric(column))
            } else {
                var perNode = [String?](repeating: nil, count: n)
                for (r, v) in values.enumerated() { perNode[nodeOfRow[r]] = v }
                nodes.setAttribute(name, .categorical(perNode))
            }
        }
    }
}

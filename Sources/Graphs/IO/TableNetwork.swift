import Foundation
import Tables

/// A network from a table of ties and, optionally, a table of people, however the tool that wrote
/// them names their columns: Kumu (`Label`/`ID`; `From`/`To`/`Direction`/`Type`), Polinode
/// (`id`; `source`/`target`), Gephi (`Id`/`Label`; `Source`/`Target`/`Type`/`Weight`), NodeXL
/// (`Vertex`; `Vertex 1`/`Vertex 2`) or a plain edge list. Ties may name people by id or by label;
/// people a tie names who are not in the people table are added, as Kumu and Gephi add them.
public struct TableNetwork {
    /// Column names each role is looked for under, most specific first.
    static let sourceNames = ["source", "from", "vertex 1", "src", "sender", "ego", "node1", "id1", "u"]
    static let targetNames = ["target", "to", "vertex 2", "dst", "receiver", "alter", "node2", "id2", "v"]
    static let weightNames = ["weight", "weights", "strength", "value"]
    static let directionNames = ["direction", "directed", "type", "edge type"]
    static let relationNames = ["relation", "relationship", "layer", "connection type", "tie type", "type"]
    static let idNames = ["id", "node_id", "node", "vertex", "name", "label"]
    static let labelNames = ["label", "name"]
    /// Second names ties may use for a person (Kumu's internal `_id`), besides the id and label.
    static let aliasNames = ["kumu id"]

    /// How ties without a direction column are read (Kumu's connections are directed unless they say).
    public var defaultDirected: Bool
    public var options: EdgeListOptions

    public init(defaultDirected: Bool, options: EdgeListOptions) {
        self.defaultDirected = defaultDirected
        self.options = options
    }

    enum Direction { case directed, undirected, mutual }

    /// Reads "directed", "undirected", "mutual" (Kumu) or "Directed"/"Undirected" (Gephi), or a boolean.
    static func direction(_ text: String) -> Direction? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "directed", "direct", "true", "yes", "1", "arc": return .directed
        case "undirected", "false", "no", "0", "edge", "none": return .undirected
        case "mutual", "both", "bidirectional", "reciprocal": return .mutual
        default: return nil
        }
    }

    public func build(nodes: CellTable?, edges: CellTable?) throws -> Graph {
        var builder = GraphBuilder(directed: options.directed || defaultDirected, duplicates: options.duplicates, selfLoops: options.selfLoops)
        var byLabel: [String: Int] = [:], ambiguousLabels = Set<String>()
        var rowNode: [Int] = []
        if let nodes { rowNode = try readNodes(nodes, into: &builder, byLabel: &byLabel, ambiguous: &ambiguousLabels) }
        // Attributes go on once every person is known (ties may add people the table lacks).
        func attributes() {
            guard let nodes else { return }
            let n = builder.nodes.count, idColumn = nodes.column(Self.idNames) ?? 0
            let alias = nodes.column(Self.aliasNames)
            for (c, name) in nodes.header.enumerated() where c != idColumn && c != alias && !name.isEmpty {
                builder.nodes.setAttribute(name, Self.attribute(nodes.rows.map { Self.multiValue($0[c]) }, rows: rowNode, count: n))
            }
        }
        guard let edges else {
            attributes()
            return try builder.build(weighted: false)
        }

        guard let s = edges.column(Self.sourceNames), let t = edges.column(Self.targetNames), s != t else {
            throw edges.headerError("expected columns naming each tie's two ends (Source and Target, From and To, or Vertex 1 and Vertex 2); found \(edges.header.joined(separator: ", "))")
        }
        let weightColumn = options.ignoreWeights ? nil : edges.column(Self.weightNames)
        // A Type column is a direction when every value is one (Gephi), else a relation (Kumu).
        let directionColumn = edges.column(Self.directionNames).flatMap { c in
            edges.rows.allSatisfy { $0[c].isEmpty || Self.direction($0[c]) != nil } && edges.rows.contains { !$0[c].isEmpty } ? c : nil
        }
        let relationColumn = edges.column(Self.relationNames).flatMap { $0 == directionColumn || $0 == weightColumn ? nil : $0 }

        func node(_ text: String) -> Int {
            if let id = builder.nodes.id(of: text) { return id }
            if let id = byLabel[text], !ambiguousLabels.contains(text) { return id }
            return builder.addNode(text)
        }
        var anyDirected = false
        var undirectedTies: [(Int, Int, Double, UInt32)] = []
        var sawWeight = false
        for (r, row) in edges.rows.enumerated() {
            let a = row[s].trimmingCharacters(in: .whitespaces), b = row[t].trimmingCharacters(in: .whitespaces)
            if a.isEmpty && b.isEmpty { continue }
            guard !a.isEmpty else { throw edges.error(row: r, column: s, "empty \(edges.header[s]): a tie needs both ends") }
            guard !b.isEmpty else { throw edges.error(row: r, column: t, "empty \(edges.header[t]): a tie needs both ends") }
            var weight = 1.0
            if let w = weightColumn, !row[w].isEmpty {
                guard let value = Double(row[w].trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0 else {
                    throw edges.error(row: r, column: w, "\(edges.header[w]) \"\(row[w])\" is not a non-negative number")
                }
                weight = value
                sawWeight = true
            }
            var mask: UInt32 = 0
            if let c = relationColumn, !row[c].isEmpty {
                do {
                    for name in row[c].split(whereSeparator: { $0 == ";" || $0 == "|" }) {
                        let trimmed = name.trimmingCharacters(in: .whitespaces)
                        if !trimmed.isEmpty { mask |= try builder.relationBit(trimmed) }
                    }
                } catch let error as GraphBuildError {
                    throw edges.error(row: r, column: c, error.description)
                }
            }
            var direction: Direction = (options.directed || defaultDirected) ? .directed : .undirected
            if let c = directionColumn, !row[c].isEmpty { direction = Self.direction(row[c])! }
            let u = node(a), v = node(b)
            switch direction {
            case .directed:
                anyDirected = true
                builder.addEdge(u, v, weight: weight, relations: mask)
            case .mutual:
                anyDirected = true
                builder.addEdge(u, v, weight: weight, relations: mask)
                if u != v { builder.addEdge(v, u, weight: weight, relations: mask) }
            case .undirected:
                builder.addEdge(u, v, weight: weight, relations: mask)
                undirectedTies.append((u, v, weight, mask))
            }
        }
        // One directed tie makes the network directed; its undirected ties then run both ways.
        builder.directed = options.directed || anyDirected
        if builder.directed {
            for (u, v, w, mask) in undirectedTies where u != v { builder.addEdge(v, u, weight: w, relations: mask) }
        }
        attributes()
        do {
            return try builder.build(weighted: sawWeight)
        } catch let error as GraphBuildError {
            throw TableError(file: edges.file, line: 0, message: error.description)
        }
    }

    /// People: one row each, an id (or, without one, a label) and attributes from the other columns.
    /// Returns each row's node (−1 for a blank row).
    func readNodes(_ table: CellTable, into builder: inout GraphBuilder, byLabel: inout [String: Int], ambiguous: inout Set<String>) throws -> [Int] {
        guard let idColumn = table.column(Self.idNames) ?? (table.header.isEmpty ? nil : 0) else {
            throw table.headerError("expected a column naming each person (ID, Id, Label, Name or Vertex)")
        }
        let labelColumn = table.column(Self.labelNames).flatMap { $0 == idColumn ? nil : $0 }
        let aliasColumn = table.column(Self.aliasNames)
        var rowNode: [Int] = []
        var seen = Set<Int>()
        for (r, row) in table.rows.enumerated() {
            let id = row[idColumn].trimmingCharacters(in: .whitespaces)
            if id.isEmpty && row.allSatisfy(\.isEmpty) { rowNode.append(-1); continue }
            guard !id.isEmpty else { throw table.error(row: r, column: idColumn, "empty \(table.header[idColumn]): every person needs one") }
            let node = builder.addNode(id)
            guard seen.insert(node).inserted else {
                throw table.error(row: r, column: idColumn, "\(table.header[idColumn]) \"\(id)\" appears twice")
            }
            rowNode.append(node)
            for l in [labelColumn, aliasColumn].compactMap({ $0 }) {
                let label = row[l].trimmingCharacters(in: .whitespaces)
                if !label.isEmpty, byLabel.updateValue(node, forKey: label) != nil { ambiguous.insert(label) }
            }
        }
        return rowNode
    }

    /// Kumu's multi-valued fields (`Tags`) are `|`-separated: stored as `a|b`, spaces around parts removed.
    static func multiValue(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("|") else { return trimmed }
        return trimmed.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "|")
    }

    /// A column of per-row values as a node attribute: numeric when every non-empty value is a number.
    static func attribute(_ values: [String], rows: [Int], count n: Int) -> NodeAttribute {
        let numeric = values.contains { !$0.isEmpty } && values.allSatisfy { $0.isEmpty || Double($0).map(\.isFinite) == true }
        if numeric {
            var column = [Double](repeating: .nan, count: n)
            for (r, v) in values.enumerated() where rows[r] >= 0 && !v.isEmpty { column[rows[r]] = Double(v)! }
            return .numeric(column)
        }
        var perNode = [String?](repeating: nil, count: n)
        for (r, v) in values.enumerated() where rows[r] >= 0 { perNode[rows[r]] = v }
        return .categorical(perNode)
    }
}

import Foundation
import Tables

/// Reads edge lists: one edge per line, `source target [weight]`, as CSV, TSV or whitespace-separated
/// text, with or without a header, node labels as numbers or strings. Lines starting with `#` or `%`
/// are comments (SNAP and KONECT files start with them).
public enum EdgeListReader {
    static let headerWords: Set<String> = ["source", "target", "from", "to", "src", "dst", "u", "v", "node1", "node2",
                                           "id1", "id2", "sender", "receiver", "ego", "alter", "weight", "i", "j",
                                           "relation", "type", "layer"]
    /// Header names of a column naming each edge's relation layer.
    static let relationWords: Set<String> = ["relation", "relationship", "type", "layer", "tie", "tie_type"]

    /// Reads edges into `builder` (which carries the direction and policies), returning whether the
    /// file had weights. Errors name the file, line and column.
    @discardableResult
    public static func read(_ url: URL, into builder: inout GraphBuilder, options: EdgeListOptions = EdgeListOptions()) throws -> Bool {
        let reader = try DelimitedReader(contentsOf: url, format: options.format, commentPrefixes: [UInt8(ascii: "#"), UInt8(ascii: "%")])
        var first = true
        var weightColumn = options.ignoreWeights ? nil : options.weightColumn
        var relationColumn: Int? = nil
        var sourceColumn = 0, targetColumn = 1
        // Gephi's Type column (Directed/Undirected) is a direction; decided on the first data row.
        var typeColumn: Int? = nil, directionColumn: Int? = nil
        var anyDirected = false
        var undirectedTies: [(Int, Int, Double, UInt32)] = []
        var sawWeights = false
        var expectedFields: (count: Int, line: Int)? = nil
        let strictWidth = reader.format != .whitespace
        try reader.forEachRecord { record in
            // CSV/TSV rows must all be as wide as the first (RFC 4180); whitespace lists may vary.
            if strictWidth {
                if let expected = expectedFields, record.count != expected.count {
                    throw TableError(file: reader.file, line: record.line,
                                     message: "expected \(expected.count) fields as on line \(expected.line), found \(record.count)")
                }
                if expectedFields == nil { expectedFields = (record.count, record.line) }
            }
            if first {
                first = false
                let isHeader = try options.hasHeader ?? looksLikeHeader(record)
                if isHeader {
                    if weightColumn == nil && !options.ignoreWeights {
                        let names = try (0..<record.count).map { try record.string($0).lowercased() }
                        weightColumn = names.firstIndex { $0 == "weight" || $0 == "weights" }
                    }
                    let names = try (0..<record.count).map { try record.string($0).lowercased() }
                    let keys = names.map(CellTable.key)
                    // Named ends (Gephi, NodeXL and Kumu put them first, but not every tool does).
                    if let s = TableNetwork.sourceNames.lazy.compactMap({ keys.firstIndex(of: CellTable.key($0)) }).first,
                       let t = TableNetwork.targetNames.lazy.compactMap({ keys.firstIndex(of: CellTable.key($0)) }).first, s != t {
                        sourceColumn = s
                        targetColumn = t
                    }
                    let ends = [sourceColumn, targetColumn]
                    typeColumn = names.indices.first { !ends.contains($0) && (names[$0] == "type" || names[$0] == "direction") }
                    relationColumn = names.indices.first { !ends.contains($0) && $0 != weightColumn && relationWords.contains(names[$0]) }
                    return
                }
                // No header: a third numeric column is taken as the weight.
                if weightColumn == nil && !options.ignoreWeights && record.count >= 3 && record.double(2) != nil {
                    weightColumn = 2
                }
            }
            if let c = typeColumn {
                typeColumn = nil
                if c < record.count, let text = try? record.string(c), TableNetwork.direction(text) != nil {
                    directionColumn = c
                    if relationColumn == c {
                        relationColumn = nil
                    }
                }
            }
            guard record.count >= 2 else {
                throw TableError(file: reader.file, line: record.line, column: 1,
                                 message: "expected at least 2 fields (source, target), found \(record.count)")
            }
            let sc = sourceColumn, tc = targetColumn
            guard max(sc, tc) < record.count else {
                throw TableError(file: reader.file, line: record.line, message: "expected at least \(max(sc, tc) + 1) fields, found \(record.count)")
            }
            guard !record.isEmpty(sc) else { throw TableError(file: reader.file, line: record.line, column: sc + 1, message: "empty source node") }
            guard !record.isEmpty(tc) else { throw TableError(file: reader.file, line: record.line, column: tc + 1, message: "empty target node") }
            // Numeric ids (SNAP, KONECT, networkx) are interned as numbers: no strings, no hashing.
            let u = try record.canonicalNonNegativeInteger(sc).map { builder.nodes.intern(integer: $0) } ?? builder.addNode(try record.string(sc))
            let v = try record.canonicalNonNegativeInteger(tc).map { builder.nodes.intern(integer: $0) } ?? builder.addNode(try record.string(tc))
            var undirectedTie = false, mutualTie = false
            if let c = directionColumn, c < record.count, !record.isEmpty(c) {
                let text = try record.string(c)
                guard let direction = TableNetwork.direction(text) else {
                    throw TableError(file: reader.file, line: record.line, column: c + 1,
                                     message: "direction \"\(text)\" is not Directed, Undirected or Mutual")
                }
                switch direction {
                case .directed: anyDirected = true
                case .mutual:
                    anyDirected = true
                    mutualTie = u != v
                case .undirected: undirectedTie = true
                }
            }
            var weight = 1.0
            if let w = weightColumn {
                guard w < record.count else {
                    throw TableError(file: reader.file, line: record.line, column: w + 1,
                                     message: "missing weight (expected \(w + 1) fields, found \(record.count))")
                }
                guard let value = record.double(w), value.isFinite, value >= 0 else {
                    let text = (try? record.string(w)) ?? "?"
                    throw TableError(file: reader.file, line: record.line, column: w + 1,
                                     message: "weight \"\(text)\" is not a non-negative number")
                }
                weight = value
                sawWeights = true
            }
            if let r = relationColumn, r < record.count, !record.isEmpty(r) {
                do {
                    var mask: UInt32 = 0
                    for name in try record.string(r).split(separator: ";") {
                        mask |= try builder.relationBit(name.trimmingCharacters(in: .whitespaces))
                    }
                    builder.addEdge(u, v, weight: weight, relations: mask)
                    if undirectedTie { undirectedTies.append((u, v, weight, mask)) }
                    if mutualTie { builder.addEdge(v, u, weight: weight, relations: mask) }
                } catch let error as GraphBuildError {
                    throw TableError(file: reader.file, line: record.line, column: r + 1, message: error.description)
                }
            } else {
                builder.addEdge(u, v, weight: weight)
                if undirectedTie { undirectedTies.append((u, v, weight, 0)) }
                if mutualTie { builder.addEdge(v, u, weight: weight) }
            }
        }
        // A Directed tie makes the network directed; its Undirected ties then run both ways.
        if anyDirected && !builder.directed {
            builder.directed = true
        }
        if builder.directed {
            for (u, v, w, mask) in undirectedTies where u != v { builder.addEdge(v, u, weight: w, relations: mask) }
        }
        return sawWeights
    }

    static func looksLikeHeader(_ record: DelimitedReader.Record) throws -> Bool {
        for i in 0..<min(2, record.count) where headerWords.contains(try record.string(i).lowercased()) { return true }
        // A non-numeric third column in the first row (a column name such as "strength").
        if record.count >= 3, record.double(2) == nil, !record.isEmpty(2) {
            return true
        }
        return false
    }
}

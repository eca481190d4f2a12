import Foundation
import Tables

/// Reads a name-generator survey (one row per respondent, the people they name in nominee
/// columns) into a directed network: respondent → nominee, one relation layer per column group
/// (advice, discussion, friendship), weight = how many slots name the pair. Respondents' other
/// columns become attributes. Follows netdiffuseR's `survey_to_diffnet`: ids unique per group,
/// self-nominations and unsurveyed nominees dropped (kept by option).
public struct SurveyReader {
    public let options: SurveyOptions
    public let edgeOptions: EdgeListOptions

    public init(options: SurveyOptions, edgeOptions: EdgeListOptions = EdgeListOptions()) {
        self.options = options
        self.edgeOptions = edgeOptions
    }

    /// What reading did besides the ties it made.
    public struct Report: Sendable, Equatable {
        public var respondents = 0
        public var nominations = 0
        public var ties = 0
        public var selfNominations = 0
        /// Nominees who are not respondents: dropped, or kept when `keepUnsurveyed`.
        public var unsurveyed: [String] = []
        /// With name matching: names that matched no respondent, and the nearest respondent name.
        public var unmatched: [(name: String, suggestion: String?)] = []

        public static func == (a: Report, b: Report) -> Bool {
            a.respondents == b.respondents && a.nominations == b.nominations && a.ties == b.ties
                && a.selfNominations == b.selfNominations && a.unsurveyed == b.unsurveyed
                && a.unmatched.map(\.name) == b.unmatched.map(\.name) && a.unmatched.map(\.suggestion) == b.unmatched.map(\.suggestion)
        }

        /// Lines for the user: what was dropped or matched nobody.
        public var notices: [String] {
            var lines: [String] = []
            if selfNominations > 0 { lines.append("\(selfNominations) self-nominations dropped") }
            if !unsurveyed.isEmpty {
                lines.append("\(unsurveyed.count) nominations name people who did not answer the survey"
                             + " (\(Set(unsurveyed).count) people)")
            }
            if !unmatched.isEmpty {
                let shown = unmatched.prefix(20).map { "\"\($0.name)\"" + ($0.suggestion.map { " (did you mean \"\($0)\"?)" } ?? "") }
                lines.append("\(unmatched.count) nominee names matched no respondent: " + shown.joined(separator: ", ")
                             + (unmatched.count > 20 ? ", …" : ""))
            }
            return lines
        }
    }

    static let respondentNames = ["id", "respondent", "respondent id", "respondent_id", "node_id", "ego"]
    static let nameNames = ["name", "full name", "respondent name", "label"]
    /// Column prefixes read as nominee slots without being named (`net1_2`, `nominee3`, `alter_4`).
    static let nomineePrefixes = ["net", "nominee", "nom", "nomination", "alter", "name", "friend", "advice", "discuss",
                                  "discussion", "contact", "tie"]

    public func read(_ table: CellTable) throws -> (graph: Graph, report: Report) {
        let respondentColumn: Int
        if let name = options.respondent {
            guard let c = table.column([name]) else { throw table.headerError(missingColumn(name, table)) }
            respondentColumn = c
        } else {
            respondentColumn = table.column(Self.respondentNames) ?? 0
        }
        let groupColumn = try options.group.map { name -> Int in
            guard let c = table.column([name]) else { throw table.headerError(missingColumn(name, table)) }
            return c
        }
        let layers = try nomineeLayers(table, excluding: [respondentColumn] + (groupColumn.map { [$0] } ?? []))
        guard !layers.isEmpty else {
            throw table.headerError("no nominee columns found: name them with --nominees (net1_1,net1_2,…) or --layer advice=net1_*, or call them nominee1, nominee2, …")
        }
        var nameColumn: Int? = nil
        if options.matching == .name {
            if let name = options.names {
                guard let c = table.column([name]) else { throw table.headerError(missingColumn(name, table)) }
                nameColumn = c
            } else {
                nameColumn = table.column(Self.nameNames)
            }
            guard nameColumn != nil else {
                throw table.headerError("matching nominees by name needs a column of respondents' names (--names COLUMN)")
            }
        }
        let nomineeColumns = Set(layers.flatMap(\.columns))

        // Unique ids: netdiffuseR's group·10^digits + id when ids and groups are whole numbers.
        let groups = groupColumn.map { c in table.rows.map { $0[c].trimmingCharacters(in: .whitespaces) } }
        var numericIds = groups != nil && groups!.allSatisfy { UInt64($0) != nil }
        var largest: UInt64 = 0
        if numericIds {
            for row in table.rows {
                for c in [respondentColumn] + Array(nomineeColumns) {
                    let text = row[c].trimmingCharacters(in: .whitespaces)
                    if text.isEmpty || options.missing.contains(text.lowercased()) { continue }
                    guard let value = UInt64(text) else { numericIds = false; break }
                    largest = max(largest, value)
                }
                if !numericIds { break }
            }
        }
        let scale: UInt64 = numericIds ? (0..<String(largest).count).reduce(1) { r, _ in r &* 10 } : 1
        func unique(_ id: String, row: Int) -> String {
            guard let groups else { return id }
            if numericIds, let g = UInt64(groups[row]), let v = UInt64(id) {
                let (m, o1) = g.multipliedReportingOverflow(by: scale)
                let (s, o2) = m.addingReportingOverflow(v)
                if !o1 && !o2 { return String(s) }
            }
            return "\(groups[row])/\(id)"
        }
        func normalised(_ s: String) -> String {
            s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }).joined(separator: " ")
        }

        var builder = GraphBuilder(directed: true, duplicates: edgeOptions.duplicates, selfLoops: .drop)
        var report = Report()
        var rowNode: [Int] = []
        var byName: [String: Int] = [:], displayNames: [String] = []
        for (r, row) in table.rows.enumerated() {
            let id = row[respondentColumn].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw table.error(row: r, column: respondentColumn, "empty \(table.header[respondentColumn]): every respondent needs an id") }
            let key = unique(id, row: r)
            guard builder.nodes.id(of: key) == nil else {
                throw table.error(row: r, column: respondentColumn, "respondent \"\(id)\" appears twice" + (groups != nil ? " in \(table.header[groupColumn!]) \(groups![r])" : ""))
            }
            let node = builder.addNode(key)
            rowNode.append(node)
            if let c = nameColumn {
                let name = row[c].trimmingCharacters(in: .whitespaces)
                if !name.isEmpty {
                    byName[normalised(name)] = node
                    displayNames.append(name)
                }
            }
        }
        report.respondents = table.rows.count
        var relationBits: [UInt32] = []
        // Ties carry a relation when there are several layers or a layer was named.
        let named = layers.count > 1 || options.layers.contains { !$0.name.isEmpty }
        for layer in layers { relationBits.append(named ? try builder.relationBit(layer.name) : 0) }
        var unmatchedSeen = Set<String>()
        for (r, row) in table.rows.enumerated() {
            let ego = rowNode[r]
            for (l, layer) in layers.enumerated() {
                for c in layer.columns {
                    let text = row[c].trimmingCharacters(in: .whitespaces)
                    if text.isEmpty || options.missing.contains(text.lowercased()) { continue }
                    report.nominations += 1
                    var alter: Int?
                    switch options.matching {
                    case .id: alter = builder.nodes.id(of: unique(text, row: r))
                    case .name: alter = byName[normalised(text)]
                    }
                    if alter == nil {
                        if options.matching == .name {
                            if unmatchedSeen.insert(normalised(text)).inserted {
                                report.unmatched.append((text, Spelling.nearest(text, in: displayNames)))
                            }
                            if !options.keepUnsurveyed { continue }
                            alter = builder.addNode(text)
                        } else {
                            report.unsurveyed.append(unique(text, row: r))
                            if !options.keepUnsurveyed { continue }
                            alter = builder.addNode(unique(text, row: r))
                        }
                    }
                    if alter == ego { report.selfNominations += 1; continue }
                    builder.addEdge(ego, alter!, weight: 1, relations: relationBits[l])
                    report.ties += 1
                }
            }
        }
        let n = builder.nodes.count
        for (c, name) in table.header.enumerated() where c != respondentColumn && !nomineeColumns.contains(c) && !name.isEmpty {
            builder.nodes.setAttribute(name, TableNetwork.attribute(table.rows.map { TableNetwork.multiValue($0[c]) }, rows: rowNode, count: n))
        }
        do {
            return (try builder.build(weighted: true), report)
        } catch let error as GraphBuildError {
            throw TableError(file: table.file, line: 0, message: error.description)
        }
    }

    func missingColumn(_ name: String, _ table: CellTable) -> String {
        "no column named \"\(name)\"" + (Spelling.nearest(name, in: table.header).map { "; did you mean \"\($0)\"?" } ?? "")
            + " (columns: \(table.header.joined(separator: ", ")))"
    }

    /// The nominee columns of each layer: as the options name them, else detected by prefix.
    func nomineeLayers(_ table: CellTable, excluding: [Int]) throws -> [(name: String, columns: [Int])] {
        if !options.layers.isEmpty {
            return try options.layers.map { layer in
                var columns: [Int] = []
                for pattern in layer.columns {
                    if pattern.hasSuffix("*") {
                        let prefix = CellTable.key(String(pattern.dropLast()))
                        let matched = table.header.indices.filter { CellTable.key(table.header[$0]).hasPrefix(prefix) && !excluding.contains($0) }
                        guard !matched.isEmpty else { throw table.headerError("layer \(layer.name): no column starts with \"\(pattern.dropLast())\"") }
                        columns += matched
                    } else {
                        guard let c = table.column([pattern]) else { throw table.headerError("layer \(layer.name): " + missingColumn(pattern, table)) }
                        columns.append(c)
                    }
                }
                return (layer.name, columns)
            }
        }
        var order: [String] = [], groups: [String: [Int]] = [:]
        for (c, name) in table.header.enumerated() where !excluding.contains(c) {
            guard let group = Self.slotGroup(name) else { continue }
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(c)
        }
        return order.map { ($0, groups[$0]!) }
    }

    /// The layer a slot column belongs to: `net2_3` → `net2`, `nominee4` → `nominee`; nil when the
    /// name is not a known prefix followed by a number.
    static func slotGroup(_ name: String) -> String? {
        let lower = name.lowercased().trimmingCharacters(in: .whitespaces)
        var scalars = Array(lower.unicodeScalars)
        func trailingNumber() -> Bool {
            var k = 0
            while let last = scalars.last, last.properties.numericType != nil, last.value < 128 { scalars.removeLast(); k += 1 }
            return k > 0
        }
        guard trailingNumber() else { return nil }
        let afterOne = String(String.UnicodeScalarView(scalars))
        if let last = scalars.last, last == "_" || last == "." || last == " " || last == "-" {
            scalars.removeLast()
            if trailingNumber() {
                // Two numbers: the first names the layer (net1_2 → net1).
                let prefix = String(String.UnicodeScalarView(scalars))
                guard nomineePrefixes.contains(prefix.trimmingCharacters(in: CharacterSet(charactersIn: "_. -"))) else { return nil }
                return String(afterOne.dropLast())
            }
        }
        let prefix = afterOne.trimmingCharacters(in: CharacterSet(charactersIn: "_. -"))
        return nomineePrefixes.contains(prefix) ? prefix : nil
    }
}

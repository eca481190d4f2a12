import Foundation
import Graphs
import Tables

/// Reads diffusion data: a table of people with a time-of-adoption column (CSV or a workbook
/// sheet), and their network from a file in any format Skein reads, or from nominee columns of the
/// same table (a name-generator survey, as netdiffuseR's `survey_to_diffnet` reads it).
public struct DiffusionDataLoader {
    public struct Options: Sendable {
        /// The id column (nil: id, node_id, node, respondent, or the first column).
        public var id: String?
        public var toa = "toa"
        public var group: String?
        public var nonAdopters: DiffusionData.NonAdopters = .codedLast
        /// The last observed period in the data's own values (censored data; nil: the largest time).
        public var observedUntil: Int?
        /// A network file; nil: the nominee columns of the table itself (`survey`).
        public var network: URL?
        public var networkFormat: String?
        public var survey = SurveyOptions()
        public var notice: (@Sendable (String) -> Void)?
        public init() {}
    }

    public enum LoadError: Error, CustomStringConvertible, Equatable {
        case unknownPeople(file: String, examples: [String], count: Int)
        public var description: String {
            switch self {
            case let .unknownPeople(file, examples, count):
                return "\(file): \(count) people in the network are not in the adoption table (\(examples.map { "\"\($0)\"" }.joined(separator: ", "))\(count > examples.count ? ", …" : "")); the ids must match"
            }
        }
    }

    public let options: Options
    public init(options: Options) { self.options = options }

    static let idNames = ["id", "node_id", "node", "respondent", "respondent id", "name"]
    static let missing: Set<String> = ["", "na", "n/a", "nan", ".", "-", "none"]

    public func load(_ url: URL) throws -> DiffusionData {
        let table = try CellTable.read(url)
        return try load(table)
    }

    public func load(_ table: CellTable) throws -> DiffusionData {
        func column(_ name: String) throws -> Int {
            guard let c = table.column([name]) else {
                throw table.headerError("no column named \"\(name)\"" + (Spelling.nearest(name, in: table.header).map { "; did you mean \"\($0)\"?" } ?? "")
                                        + " (columns: \(table.header.joined(separator: ", ")))")
            }
            return c
        }
        let toaColumn = try column(options.toa)
        let groupColumn = try options.group.map(column)
        let idColumn = try options.id.map(column) ?? table.column(Self.idNames) ?? 0

        // Times as integers, in the data's own values.
        var raw: [Int?] = []
        for (r, row) in table.rows.enumerated() {
            let text = row[toaColumn].trimmingCharacters(in: .whitespaces)
            if Self.missing.contains(text.lowercased()) {
                guard options.nonAdopters == .censored else {
                    throw table.error(row: r, column: toaColumn, "no time of adoption; with non_adopters: coded-last every person has one (non-adopters one past the last period); use --non-adopters censored for data that leave them empty")
                }
                raw.append(nil)
                continue
            }
            guard let value = Int(text) ?? Double(text).flatMap({ $0 == $0.rounded() && abs($0) < 1e9 ? Int($0) : nil }) else {
                throw table.error(row: r, column: toaColumn, "time of adoption \"\(text)\" is not a whole number (a period)")
            }
            raw.append(value)
        }
        let times = raw.compactMap { $0 }
        guard let first = times.min(), let last = times.max() else {
            throw table.headerError("no one has a time of adoption in \"\(table.header[toaColumn])\"")
        }
        var periods: Int
        var adoption: [Int?]
        switch options.nonAdopters {
        case .codedLast:
            guard last > first else {
                throw table.headerError("every time in \"\(table.header[toaColumn])\" is \(last): with coded-last non-adopters there is no observed period")
            }
            periods = last - first     // the code is one past the last observed period
            adoption = raw.map { $0 == last ? nil : $0.map { $0 - first + 1 } }
        case .censored:
            let end = options.observedUntil ?? last
            if let r = raw.firstIndex(where: { ($0 ?? Int.min) > end }) {
                throw table.error(row: r, column: toaColumn, "adopted at \(raw[r]!), after observed_until \(end)")
            }
            guard end >= first else { throw table.headerError("observed_until \(end) is before the first adoption (\(first))") }
            periods = end - first + 1
            adoption = raw.map { $0.map { $0 - first + 1 } }
        }
        guard periods <= 100_000 else { throw table.headerError("\(periods) periods is more than diffusion data hold (at most 100 000)") }

        // People, and their groups.
        var labels: [String] = [], index: [String: Int] = [:]
        for (r, row) in table.rows.enumerated() {
            let id = row[idColumn].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw table.error(row: r, column: idColumn, "empty id") }
            let key = groupColumn.map { "\(row[$0])\u{1F}\(id)" } ?? id
            guard index[key] == nil else { throw table.error(row: r, column: idColumn, "\"\(id)\" appears twice") }
            index[key] = labels.count
            labels.append(id)
        }
        var groups: [Int32]? = nil, levels: [String] = []
        if let g = groupColumn {
            let attribute = NodeAttribute.categorical(table.rows.map { $0[g].trimmingCharacters(in: .whitespaces) })
            if case let .categorical(codes, l) = attribute { groups = codes; levels = l }
        }

        let graph: Graph
        if let network = options.network {
            let read = NetworkReadOptions(edges: EdgeListOptions(directed: true), notice: options.notice)
            graph = try reorder(try GraphLoader.load(edges: network, read: read, format: options.networkFormat), labels: labels, file: network.path)
        } else {
            var survey = options.survey
            survey.respondent = survey.respondent ?? table.header[idColumn]
            survey.group = survey.group ?? options.group
            survey.keepUnsurveyed = false  // the people are the table's rows
            let (g, report) = try SurveyReader(options: survey).read(table)
            if let notice = options.notice { for line in report.notices { notice("\(URL(fileURLWithPath: table.file).lastPathComponent): \(line)") } }
            // The survey reader's nodes are the rows in order (unsurveyed nominees dropped), ids made unique per group.
            graph = g
        }
        var columns: [String: [Double]] = [:]
        for (c, name) in table.header.enumerated() where c != idColumn && c != toaColumn && !name.isEmpty {
            let values = table.rows.map { Double($0[c].trimmingCharacters(in: .whitespaces)) }
            let numeric = table.rows.indices.allSatisfy { values[$0] != nil || Self.missing.contains(table.rows[$0][c].trimmingCharacters(in: .whitespaces).lowercased()) }
            if numeric && values.contains(where: { $0 != nil }) { columns[name] = values.map { $0 ?? .nan } }
        }
        return DiffusionData(labels: groupColumn == nil || options.network != nil ? labels : graph.nodes.labels.prefix(labels.count).map { $0 },
                             adoption: adoption, periods: periods, firstPeriodValue: first, nonAdopters: options.nonAdopters,
                             graph: graph, groups: groups, groupLevels: levels, columns: columns)
    }

    /// The network with its nodes in the table's order; people without ties are isolates.
    func reorder(_ network: Graph, labels: [String], file: String) throws -> Graph {
        var position: [String: Int] = [:]
        for (i, label) in labels.enumerated() { position[label] = i }
        let unknown = (0..<network.nodeCount).map(network.nodes.label).filter { position[$0] == nil }
        guard unknown.isEmpty else { throw LoadError.unknownPeople(file: file, examples: Array(unknown.prefix(5)), count: unknown.count) }
        var builder = GraphBuilder(directed: network.isDirected, duplicates: .sumWeights, selfLoops: .keep)
        for label in labels { _ = builder.addNode(label) }
        for name in network.relationNames { _ = try builder.relationBit(name) }
        let offsets = network.csrOffsets, targets = network.csrTargets, weights = network.csrWeights
        for u in 0..<network.nodeCount {
            for p in offsets[u]..<offsets[u + 1] where network.isDirected || Int(targets[p]) >= u {
                builder.addEdge(position[network.nodes.label(u)]!, position[network.nodes.label(Int(targets[p]))]!,
                                weight: weights?[p] ?? 1, relations: network.relationMask(arc: p))
            }
        }
        var graph = try builder.build(weighted: network.isWeighted)
        for name in network.nodes.attributeNames {
            guard let column = network.nodes[attribute: name] else { continue }
            var text = [String?](repeating: nil, count: labels.count)
            for v in 0..<network.nodeCount { text[position[network.nodes.label(v)]!] = column.text(for: v) }
            graph.nodes.setAttribute(name, column.isCategorical ? .categorical(text) : .numeric(text.map { $0.flatMap(Double.init) ?? .nan }))
        }
        return graph
    }
}

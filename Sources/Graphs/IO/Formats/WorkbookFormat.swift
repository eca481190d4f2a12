import Foundation
import Tables

/// Excel workbooks (.xlsx) holding a sheet of people and a sheet of ties, however they are named:
/// Kumu's Elements/Connections, Polinode's Nodes/Edges, NodeXL's Vertices/Edges, or any sheets
/// named with `--nodes-sheet` and `--edges-sheet`. A workbook with a single sheet of ties is read
/// as an edge list.
public enum WorkbookFormat: NetworkFormat {
    public static let name = "xlsx"
    public static let extensions = ["xlsx", "xlsm"]
    public static let summary = "Excel workbook: a sheet of people and a sheet of ties (--nodes-sheet, --edges-sheet; else found by name or columns); writes Nodes and Edges sheets"
    public static let canWrite = true

    /// Nodes (Id and every attribute) and Edges (Source, Target, Relation, Weight) sheets.
    public static func write(_ graph: Graph, to url: URL) throws {
        let sheets = KumuFormat.workbook(graph, people: "Nodes", id: "Id", ties: "Edges", ends: ("Source", "Target"), kumu: false)
        try AtomicFile.write(try WorkbookWriter.data(sheets), to: url)
    }

    static let nodeSheetNames = ["elements", "nodes", "vertices", "people", "actors", "attributes", "node attributes"]
    static let edgeSheetNames = ["connections", "edges", "ties", "links", "relationships", "edge list", "edgelist"]

    public static func read(_ url: URL, options: NetworkReadOptions) throws -> Graph {
        try read(url, options: options, defaultDirected: false)
    }

    /// Reads the people and ties sheets; `defaultDirected` is how ties without a direction read.
    static func read(_ url: URL, options: NetworkReadOptions, defaultDirected: Bool) throws -> Graph {
        let workbook = try Workbook(url)
        let (nodes, edges) = try sheets(workbook, options: options)
        guard nodes != nil || edges != nil else {
            throw TableError(file: url.path, line: 0, message: "no sheet of ties or people found (sheets: \(workbook.sheetNames.joined(separator: ", "))); name them with --edges-sheet and --nodes-sheet")
        }
        return try TableNetwork(defaultDirected: defaultDirected, options: options.edges)
            .build(nodes: try nodes.map { try table(workbook, $0, people: true) }, edges: try edges.map { try table(workbook, $0, people: false) })
    }

    /// A sheet's table, its header the first row naming the columns its role needs (templates such
    /// as NodeXL's put group captions in the row above).
    static func table(_ workbook: Workbook, _ sheet: String, people: Bool) throws -> CellTable {
        func fits(_ t: CellTable) -> Bool {
            people ? t.column(TableNetwork.idNames) != nil
                : t.column(TableNetwork.sourceNames) != nil && t.column(TableNetwork.targetNames) != nil
        }
        if let first = try? workbook.table(sheet), fits(first) { return first }
        if let second = try? workbook.table(sheet, headerIndex: 1), fits(second) { return second }
        return try workbook.table(sheet)
    }

    /// The sheets of people and of ties: as named by option, else by their names, else by their columns.
    static func sheets(_ workbook: Workbook, options: NetworkReadOptions) throws -> (nodes: String?, edges: String?) {
        func named(_ option: String?, _ role: String) throws -> String? {
            guard let option else { return nil }
            guard let sheet = workbook.sheetName(matching: option) else {
                throw TableError(file: workbook.file, line: 0,
                                 message: "no sheet named \"\(option)\" for the \(role)" + (Spelling.nearest(option, in: workbook.sheetNames).map { "; did you mean \"\($0)\"?" } ?? "")
                                    + " (sheets: \(workbook.sheetNames.joined(separator: ", ")))")
            }
            return sheet
        }
        var edges = try named(options.edgesSheet, "ties")
        var nodes = try named(options.nodesSheet, "people")
        if edges == nil { edges = edgeSheetNames.lazy.compactMap(workbook.sheetName(matching:)).first }
        if nodes == nil { nodes = nodeSheetNames.lazy.compactMap(workbook.sheetName(matching:)).first }
        if edges == nil {
            // A sheet whose header names both ends of a tie.
            for sheet in workbook.sheetNames where sheet != nodes {
                guard let table = try? table(workbook, sheet, people: false) else { continue }
                if let s = table.column(TableNetwork.sourceNames), let t = table.column(TableNetwork.targetNames), s != t {
                    edges = sheet
                    break
                }
            }
        }
        return (nodes, edges)
    }

    /// Whether a workbook's sheets are named as `names` says (for the layouts sharing `.xlsx`).
    static func hasSheets(_ url: URL, _ names: [String]) -> Bool {
        guard let workbook = try? Workbook(url) else { return false }
        return names.allSatisfy { workbook.sheetName(matching: $0) != nil }
    }
}

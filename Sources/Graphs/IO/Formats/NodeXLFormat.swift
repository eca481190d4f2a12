import Foundation
import Tables

/// NodeXL workbooks: an Edges sheet with `Vertex 1` and `Vertex 2`, a Vertices sheet with `Vertex`
/// (NodeXL's own layout columns, such as Color and Shape, come in as attributes).
public enum NodeXLFormat: NetworkFormat {
    public static let name = "nodexl"
    public static let extensions = ["xlsx", "xlsm"]
    public static let summary = "NodeXL workbook: Edges (Vertex 1, Vertex 2) and Vertices (Vertex) sheets"

    public static func claims(_ url: URL) -> Bool {
        guard let workbook = try? Workbook(url), let edges = workbook.sheetName(matching: "Edges"),
              let table = try? WorkbookFormat.table(workbook, edges, people: false) else { return false }
        return table.column(["vertex 1"]) != nil
    }

    public static func read(_ url: URL, options: NetworkReadOptions) throws -> Graph {
        var options = options
        options.edgesSheet = options.edgesSheet ?? "Edges"
        if options.nodesSheet == nil, let workbook = try? Workbook(url), workbook.sheetName(matching: "Vertices") != nil {
            options.nodesSheet = "Vertices"
        }
        return try WorkbookFormat.read(url, options: options, defaultDirected: false)
    }
}

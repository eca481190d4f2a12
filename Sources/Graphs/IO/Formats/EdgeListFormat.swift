import Foundation
import Tables

/// Edge lists: CSV, TSV or whitespace-separated `source target [weight] [relation]`, with or
/// without a header (Gephi's and NodeXL's edge tables, SNAP and KONECT files among them).
public enum EdgeListFormat: NetworkFormat {
    public static let name = "edgelist"
    public static let extensions = ["csv", "tsv", "txt", "edges", "edgelist", "el", "tab"]
    public static let summary = "Edge list: CSV/TSV/whitespace, source target [weight] [relation]; Gephi's Source,Target,Type,Weight and NodeXL's Vertex 1,Vertex 2 headers"
    public static let canWrite = true

    public static func read(_ url: URL, options: NetworkReadOptions) throws -> Graph {
        var builder = GraphBuilder(directed: options.edges.directed, duplicates: options.edges.duplicates, selfLoops: options.edges.selfLoops)
        let weighted = try EdgeListReader.read(url, into: &builder, options: options.edges)
        return try builder.build(weighted: weighted)
    }

    /// `.csv` and `.tsv` get a header; `.edges`/`.txt` are SNAP-style `u v [w]` lines with none.
    public static func write(_ graph: Graph, to url: URL) throws {
        let text: String
        switch url.pathExtension.lowercased() {
        case "csv": text = GraphWriter.edgeList(graph, separator: ",")
        case "tsv", "tab": text = GraphWriter.edgeList(graph, separator: "\t")
        default: text = GraphWriter.edgeList(graph, separator: " ", header: false)
        }
        try AtomicFile.write(text, to: url)
    }
}

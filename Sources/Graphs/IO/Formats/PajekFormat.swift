import Foundation
import Tables

/// Pajek `.net` (Pajek, UCINET, igraph): vertices with labels, then edges or arcs with weights.
public enum PajekFormat: NetworkFormat {
    public static let name = "pajek"
    public static let extensions = ["net", "paj", "pajek"]
    public static let summary = "Pajek .net (Pajek, UCINET, igraph): labels and weights, no attributes"
    public static let canWrite = true

    public static func read(_ url: URL, options: NetworkReadOptions) throws -> Graph { try PajekReader.read(url, options: options.edges) }
    public static func write(_ graph: Graph, to url: URL) throws { try AtomicFile.write(GraphWriter.pajek(graph), to: url) }
}

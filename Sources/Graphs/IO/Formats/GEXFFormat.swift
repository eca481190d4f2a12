import Foundation
import Tables

/// GEXF, Gephi's own format: node attributes, weights, relations and (for results) a timeline.
public enum GEXFFormat: NetworkFormat {
    public static let name = "gexf"
    public static let extensions = ["gexf"]
    public static let summary = "GEXF (Gephi) with node attributes, weights and relations; results carry a timeline of adoption"
    public static let canWrite = true

    public static func read(_ url: URL, options: NetworkReadOptions) throws -> Graph { try GEXFReader.read(url, options: options.edges) }
    public static func write(_ graph: Graph, to url: URL) throws { try AtomicFile.write(GraphWriter.gexf(graph), to: url) }
}

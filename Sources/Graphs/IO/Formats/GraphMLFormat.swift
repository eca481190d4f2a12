import Foundation
import Tables

/// GraphML (networkx, igraph, yEd, Cytoscape, Gephi): node attributes, weights, relation layers.
public enum GraphMLFormat: NetworkFormat {
    public static let name = "graphml"
    public static let extensions = ["graphml", "xml"]
    public static let summary = "GraphML (networkx, igraph, yEd, Cytoscape, Gephi) with node attributes, weights and relations"
    public static let canWrite = true

    public static func read(_ url: URL, options: NetworkReadOptions) throws -> Graph { try GraphMLReader.read(url, options: options.edges) }
    public static func write(_ graph: Graph, to url: URL) throws { try AtomicFile.write(GraphWriter.graphML(graph), to: url) }
}

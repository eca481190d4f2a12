import Foundation

/// Loads a graph from any supported file (edge list, GraphML, GEXF, Pajek) and, optionally, a
/// node-attribute table.
public enum GraphLoader {
    /// `format` nil: from the extension (`.graphml`, `.gexf`, `.net`; anything else is an edge list).
    public static func load(edges: URL, nodes: URL? = nil, options: EdgeListOptions = EdgeListOptions(),
                            format: GraphFileFormat? = nil, unknownNodes: UnknownNodePolicy = .reject) throws -> Graph {
        let chosen = format ?? GraphFileFormat(path: edges.path) ?? .edgelist
        var graph: Graph
        switch chosen {
        case .graphml: graph = try GraphMLReader.read(edges, options: options)
        case .gexf: graph = try GEXFReader.read(edges, options: options)
        case .pajek: graph = try PajekReader.read(edges, options: options)
        case .edgelist:
            var builder = GraphBuilder(directed: options.directed, duplicates: options.duplicates, selfLoops: options.selfLoops)
            let weighted = try EdgeListReader.read(edges, into: &builder, options: options)
            if let nodes {
                try NodeAttributeReader.read(nodes, into: &builder, unknownNodes: unknownNodes)
            }
            return try builder.build(weighted: weighted)
        }
        if let nodes {
            try NodeAttributeReader.merge(nodes, into: &graph, unknownNodes: unknownNodes)
        }
        return graph
    }
}

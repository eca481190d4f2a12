import Foundation

/// Loads a graph from any file `NetworkFormatCatalog` reads and, optionally, a node-attribute table.
public enum GraphLoader {
    /// `format` nil: chosen from the file (extension, then content).
    public static func load(edges: URL, nodes: URL? = nil, read options: NetworkReadOptions, format: String? = nil,
                            unknownNodes: UnknownNodePolicy = .reject) throws -> Graph {
        let chosen = try format.map(NetworkFormatCatalog.named) ?? NetworkFormatCatalog.reader(for: edges)
        if chosen == EdgeListFormat.self, let nodes {
            // Nodes read into the builder, so --add-isolates can add people who have no ties.
            var builder = GraphBuilder(directed: options.edges.directed, duplicates: options.edges.duplicates, selfLoops: options.edges.selfLoops)
            let weighted = try EdgeListReader.read(edges, into: &builder, options: options.edges)
            try NodeAttributeReader.read(nodes, into: &builder, unknownNodes: unknownNodes)
            return try builder.build(weighted: weighted)
        }
        guard chosen.canRead else { throw NetworkFormatError.cannotRead(format: chosen.name) }
        var graph = try chosen.read(edges, options: options)
        if let nodes {
            try NodeAttributeReader.merge(nodes, into: &graph, unknownNodes: unknownNodes)
        }
        return graph
    }

    public static func load(edges: URL, nodes: URL? = nil, options: EdgeListOptions = EdgeListOptions(), format: String? = nil,
                            unknownNodes: UnknownNodePolicy = .reject) throws -> Graph {
        try load(edges: edges, nodes: nodes, read: NetworkReadOptions(edges: options), format: format, unknownNodes: unknownNodes)
    }
}

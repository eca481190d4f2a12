import Foundation

/// Loads a graph from an edge list and, optionally, a node-attribute table.
public enum GraphLoader {
    public static func load(edges: URL, nodes: URL? = nil, options: EdgeListOptions = EdgeListOptions(),
                            unknownNodes: UnknownNodePolicy = .reject) throws -> Graph {
        var builder = GraphBuilder(directed: options.directed, duplicates: options.duplicates, selfLoops: options.selfLoops)
        let weighted = try EdgeListReader.read(edges, into: &builder, options: options)
        if let nodes {
            try NodeAttributeReader.read(nodes, into: &builder, unknownNodes: unknownNodes)
        }
        return try builder.build(weighted: weighted)
    }
}

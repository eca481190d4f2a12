import Graphs

/// The network and the people on it, as the simulator reads them: adjacency as flat arrays for the
/// hot loops, plus the categorical attributes (organisation, profession, role, …) that interventions
/// select on and results are broken down by.
public struct Population: Sendable {
    public let graph: Graph
    /// Out-adjacency (all neighbours when undirected): influence flows source → target.
    public let offsets: [Int]
    public let targets: [UInt32]
    /// Arc weights, nil when unweighted.
    public let weights: [Double]?
    /// In-degree of every node (for weighted-cascade and linear-threshold weights 1/in-degree).
    public let inDegree: [Int32]
    /// Categorical attributes by name: codes per node (−1 missing) and level names.
    public let groups: [String: Group]
    /// Categorical attribute names, in the network's order.
    public let groupNames: [String]

    public struct Group: Sendable {
        public let codes: [Int32]
        public let levels: [String]
    }

    public init(_ graph: Graph) {
        self.graph = graph
        offsets = graph.csrOffsets
        targets = graph.csrTargets
        weights = graph.csrWeights
        inDegree = (0..<graph.nodeCount).map { Int32(graph.inDegree(of: $0)) }
        var groups: [String: Group] = [:]
        for name in graph.nodes.categoricalAttributeNames {
            if case let .categorical(codes, levels)? = graph.nodes[attribute: name] { groups[name] = Group(codes: codes, levels: levels) }
        }
        self.groups = groups
        groupNames = graph.nodes.categoricalAttributeNames
    }

    public var count: Int { offsets.count - 1 }
    public var arcCount: Int { targets.count }

    /// The attribute, or a typed error naming the ones the network has.
    public func group(_ name: String) throws -> Group {
        guard let g = groups[name] else { throw SimulationError.unknownAttribute(name, available: graph.nodes.attributeNames) }
        return g
    }

    /// Nodes whose attribute equals one of `values`.
    public func members(_ attribute: String, in values: [String]) throws -> [Int] {
        let g = try group(attribute)
        var wanted = Set<Int32>()
        for value in values {
            guard let i = g.levels.firstIndex(of: value) else {
                throw SimulationError.unknownValue(attribute: attribute, value: value, available: g.levels)
            }
            wanted.insert(Int32(i))
        }
        return g.codes.indices.filter { wanted.contains(g.codes[$0]) }
    }
}

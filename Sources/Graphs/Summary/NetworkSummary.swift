import NumericCore

/// The summary a network analyst asks for first: size, connectedness, clustering, distances,
/// mixing across boundaries, brokers and hubs, communities. `skein network stats` prints it; its JSON
/// keys (snake_case) are an interface that scripts rely on.
public struct NetworkSummary: Codable, Sendable {
    public struct DegreeStatistics: Codable, Sendable {
        public var mean: Double
        public var median: Double
        public var minimum: Int
        public var maximum: Int
    }

    public struct Boundary: Codable, Sendable {
        /// The categorical attribute (organisation, profession, …).
        public var attribute: String
        /// Krackhardt's E-I index over all ties.
        public var eiIndex: Double
        public var externalTies: Int
        public var internalTies: Int
        /// Newman's attribute assortativity.
        public var assortativity: Double
        /// E-I per group, largest group first.
        public var groups: [Group]

        public struct Group: Codable, Sendable {
            public var name: String
            public var eiIndex: Double
        }
    }

    public struct RankedNode: Codable, Sendable {
        public var node: String
        public var value: Double
    }

    public var nodes: Int
    public var edges: Int
    public var directed: Bool
    public var weighted: Bool
    public var selfLoops: Int
    public var density: Double
    public var degree: DegreeStatistics
    /// Connected components (weak, when directed).
    public var components: Int
    public var largestComponent: Int
    /// Strongly connected components; nil when undirected.
    public var strongComponents: Int?
    public var averageClustering: Double
    public var transitivity: Double
    /// Mean hop distance over reachable ordered pairs (networkx's value when connected).
    public var averagePathLength: Double
    /// Largest finite hop distance (a lower bound when sampled).
    public var diameter: Int
    public var pathLengthExact: Bool
    /// Sources searched for path lengths, and the 95% interval when sampled.
    public var pathLengthSources: Int
    public var averagePathLengthCI: [Double]?
    public var degreeAssortativity: Double
    public var boundaries: [Boundary]
    /// Highest betweenness (normalised): the brokers.
    public var topBrokers: [RankedNode]
    public var betweennessExact: Bool
    /// Highest degree, and highest PageRank.
    public var topHubs: [RankedNode]
    public var topPagerank: [RankedNode]
    /// Lowest Burt constraint among nodes with two or more contacts: who spans structural holes.
    public var topStructuralHoles: [RankedNode]
    /// The largest k with a non-empty k-core, and how many nodes it holds.
    public var maxCore: Int
    public var maxCoreSize: Int
    /// Communities (`community_method`: leiden or louvain) and their modularity.
    public var communityMethod: String
    public var communities: Int
    public var communitySizes: [Int]
    public var modularity: Double
    public var seed: UInt64

    /// Options for the expensive parts; defaults keep a million-node graph to seconds.
    public struct Options: Sendable {
        /// All-pairs paths up to this many nodes, sampled above.
        public var exactPathsUpTo = 20_000
        public var pathSources = 500
        /// Exact betweenness up to this many nodes, sampled above.
        public var exactBetweennessUpTo = 5_000
        public var betweennessSources = 500
        /// Louvain runs; nil: 8 up to 10 000 nodes, else 1.
        public var louvainRestarts: Int?
        /// Community detection: Leiden (default; connected communities) or Louvain.
        public var communityMethod: CommunityMethod = .leiden
        public var top = 5
        public var seed: UInt64 = 0
        public init() {}
    }

    public init(_ graph: Graph, options: Options = Options()) throws {
        let n = graph.nodeCount
        nodes = n
        edges = graph.edgeCount
        directed = graph.isDirected
        weighted = graph.isWeighted
        selfLoops = graph.selfLoopCount
        density = graph.density
        let degrees = graph.degrees
        degree = DegreeStatistics(mean: n > 0 ? Double(degrees.reduce(0, +)) / Double(n) : 0,
                                  median: Descriptive.median(degrees.map(Double.init)),
                                  minimum: degrees.min() ?? 0, maximum: degrees.max() ?? 0)
        let weak = graph.connectedComponents()
        components = weak.count
        largestComponent = weak.largestSize
        strongComponents = graph.isDirected ? graph.stronglyConnectedComponents().count : nil
        let clustering = graph.clustering()
        averageClustering = clustering.average
        transitivity = clustering.transitivity
        let paths = n <= options.exactPathsUpTo ? graph.pathLengths()
            : graph.pathLengths(sampleSize: options.pathSources, seed: options.seed)
        averagePathLength = paths.averageLength
        diameter = paths.diameter
        pathLengthExact = paths.isExact
        pathLengthSources = paths.sources
        averagePathLengthCI = paths.confidenceInterval.map { [$0.lowerBound, $0.upperBound] }
        degreeAssortativity = graph.degreeAssortativity
        boundaries = graph.nodes.categoricalAttributeNames.compactMap { name in
            guard let ei = graph.eiIndex(name), case let .categorical(codes, levels)? = graph.nodes[attribute: name] else { return nil }
            var sizes = [Int](repeating: 0, count: levels.count)
            for c in codes where c >= 0 { sizes[Int(c)] += 1 }
            let groups = levels.indices.sorted { sizes[$0] > sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1) }
                .compactMap { i in ei.byGroup[levels[i]].map { Boundary.Group(name: levels[i], eiIndex: $0) } }
            return Boundary(attribute: name, eiIndex: ei.value, externalTies: ei.external, internalTies: ei.internal,
                            assortativity: graph.attributeAssortativity(name) ?? .nan, groups: groups)
        }
        func top(_ scores: [Double]) -> [RankedNode] {
            scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
                .prefix(options.top).map { RankedNode(node: graph.nodes.label($0), value: scores[$0]) }
        }
        betweennessExact = n <= options.exactBetweennessUpTo
        topBrokers = top(Betweenness(sampleSize: betweennessExact ? nil : options.betweennessSources, seed: options.seed).scores(graph))
        topHubs = top(degrees.map(Double.init))
        topPagerank = top(try PageRank().scores(graph))
        let constraint = graph.structuralHoles().constraint
        let spanners = constraint.indices.filter { !constraint[$0].isNaN && degrees[$0] >= 2 }
            .sorted { constraint[$0] < constraint[$1] || (constraint[$0] == constraint[$1] && $0 < $1) }
        topStructuralHoles = spanners.prefix(options.top).map { RankedNode(node: graph.nodes.label($0), value: constraint[$0]) }
        let cores = graph.coreNumbers()
        let deepest = cores.max() ?? 0
        maxCore = deepest
        maxCoreSize = cores.filter { $0 == deepest }.count
        communityMethod = options.communityMethod.rawValue
        let partition: Partition
        switch options.communityMethod {
        case .leiden:
            partition = Leiden(seed: options.seed).communities(graph)
        case .louvain:
            partition = Louvain(seed: options.seed, restarts: options.louvainRestarts ?? (n <= 10_000 ? 8 : 1)).communities(graph)
        }
        communities = partition.count
        communitySizes = partition.sizes.sorted(by: >)
        modularity = graph.modularity(partition)
        seed = options.seed
    }
}

/// The community-detection algorithms a summary can use.
public enum CommunityMethod: String, Sendable, CaseIterable, Codable {
    case leiden, louvain
}

import Foundation
import Graphs
import Scenarios

/// A network metric on a network that is generated or loaded once (`prepare`); `generate` and
/// `load` time building the network itself.
public struct NetworkWorkload: Workload {
    public enum Metric: String, Sendable, CaseIterable {
        case generate, load, components, clustering, pagerank, betweenness, louvain, leiden, kcore, summary
    }

    public var network: NetworkSpec
    public var metric: Metric
    /// Sampled sources for betweenness (nil: exact).
    public var sources: Int?
    public var seed: UInt64

    public init(network: NetworkSpec, metric: Metric, sources: Int? = nil, seed: UInt64 = 1) {
        self.network = network
        self.metric = metric
        self.sources = sources
        self.seed = seed
    }

    public var unit: String { "edges" }

    public func prepare() throws -> Graph? {
        metric == .generate || metric == .load ? nil : try network.build()
    }

    /// What a metric computed, kept whole until `outcome` hashes it (outside the timing).
    public enum Result: Sendable {
        case graph(Graph)
        case components(Components)
        case clustering(ClusteringSummary)
        case scores(String, [Double])
        case partition(Partition)
        case cores([Int])
        case summary(NetworkSummary)
    }

    public func execute(_ prepared: Graph?) throws -> Result {
        let graph = try prepared ?? network.build()
        switch metric {
        case .generate, .load: return .graph(graph)
        case .components: return .components(graph.connectedComponents())
        case .clustering: return .clustering(graph.clustering())
        case .pagerank: return .scores("max_pagerank", try PageRank(useWeights: false).scores(graph))
        case .betweenness: return .scores("max_betweenness", Betweenness(sampleSize: sources, seed: seed).scores(graph))
        case .louvain: return .partition(Louvain(seed: seed).communities(graph))
        case .leiden: return .partition(Leiden(seed: seed).communities(graph))
        case .kcore: return .cores(graph.coreNumbers())
        case .summary:
            var options = NetworkSummary.Options()
            options.seed = seed
            return .summary(try NetworkSummary(graph, options: options))
        }
    }

    public func outcome(_ result: Result, input prepared: Graph?) throws -> WorkloadOutcome {
        var c = Checksum()
        var figures: [String: Double] = [:]
        var edges = prepared?.edgeCount ?? 0
        switch result {
        case let .graph(graph):
            c.add(graph.csrOffsets)
            c.add(graph.csrTargets)
            if let w = graph.csrWeights { c.add(w) }
            figures["nodes"] = Double(graph.nodeCount)
            figures["edges"] = Double(graph.edgeCount)
            edges = graph.edgeCount
        case let .components(components):
            c.add(components.labels)
            figures["components"] = Double(components.count)
            figures["largest"] = Double(components.largestSize)
        case let .clustering(clustering):
            c.add(clustering.local)
            figures["average_clustering"] = clustering.average
            figures["transitivity"] = clustering.transitivity
        case let .scores(name, scores):
            c.add(scores)
            figures[name] = scores.max() ?? 0
        case let .partition(partition):
            c.add(partition.community)
            figures["communities"] = Double(partition.count)
            if let graph = prepared { figures["modularity"] = graph.modularity(partition) }
        case let .cores(cores):
            c.add(cores)
            figures["max_core"] = Double(cores.max() ?? 0)
        case let .summary(summary):
            c.add(bytes: try JSONEncoder.sorted.encode(summary))
            figures["modularity"] = summary.modularity
            figures["average_clustering"] = summary.averageClustering
        }
        return WorkloadOutcome(checksum: c.hex(), work: Double(edges), figures: figures)
    }
}

extension JSONEncoder {
    /// Key-sorted JSON: the same value, the same bytes.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}

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

    public func execute(_ prepared: Graph?) throws -> WorkloadOutcome {
        var c = Checksum()
        var figures: [String: Double] = [:]
        let graph = try prepared ?? network.build()
        switch metric {
        case .generate, .load:
            c.add(graph.csrOffsets)
            c.add(graph.csrTargets)
            if let w = graph.csrWeights { c.add(w) }
            figures["nodes"] = Double(graph.nodeCount)
            figures["edges"] = Double(graph.edgeCount)
        case .components:
            let components = graph.connectedComponents()
            c.add(components.labels)
            figures["components"] = Double(components.count)
            figures["largest"] = Double(components.largestSize)
        case .clustering:
            let clustering = graph.clustering()
            c.add(clustering.local)
            figures["average_clustering"] = clustering.average
            figures["transitivity"] = clustering.transitivity
        case .pagerank:
            let scores = try PageRank(useWeights: false).scores(graph)
            c.add(scores)
            figures["max_pagerank"] = scores.max() ?? 0
        case .betweenness:
            let scores = Betweenness(sampleSize: sources, seed: seed).scores(graph)
            c.add(scores)
            figures["max_betweenness"] = scores.max() ?? 0
        case .louvain, .leiden:
            let partition = metric == .louvain ? Louvain(seed: seed).communities(graph) : Leiden(seed: seed).communities(graph)
            c.add(partition.community)
            figures["communities"] = Double(partition.count)
            figures["modularity"] = graph.modularity(partition)
        case .kcore:
            let cores = graph.coreNumbers()
            c.add(cores)
            figures["max_core"] = Double(cores.max() ?? 0)
        case .summary:
            var options = NetworkSummary.Options()
            options.seed = seed
            let summary = try NetworkSummary(graph, options: options)
            c.add(bytes: try JSONEncoder.sorted.encode(summary))
            figures["modularity"] = summary.modularity
            figures["average_clustering"] = summary.averageClustering
        }
        return WorkloadOutcome(checksum: c.hex(), work: Double(graph.edgeCount), figures: figures)
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

import Foundation
import Testing
import TestSupport
@testable import Graphs

/// Every metric against the values networkx 3.6.1 computed on the same real graphs
/// (Fixtures/*/reference_metrics.json, copied from ../shared/data/networks under BSD-3).
///
/// Tolerances: exact metrics (counts, clustering, paths, assortativity, betweenness) 1e-9 relative —
/// the same formulas summed in another order differ by a few ulps. PageRank 1e-9 too: it repeats
/// networkx's iteration and stopping rule, so both stop at the same iterate.
@Suite("Networks against networkx references")
struct NetworkxReferenceTests {
    static let graphs = ["networkx_karate_club", "networkx_les_miserables", "networkx_florentine_families",
                         "networkx_davis_southern_women"]

    struct Reference {
        let metrics: [String: Any]
        func number(_ key: String) -> Double { (metrics[key] as? NSNumber)?.doubleValue ?? .nan }
        /// (node label, value) pairs of a top-5 list.
        func top(_ key: String) -> [(String, Double)] {
            (metrics[key] as? [[String: Any]] ?? []).map { ("\($0["node"]!)", ($0["value"] as! NSNumber).doubleValue) }
        }
    }

    static func load(_ name: String) throws -> (Graph, Reference) {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("Tests/GraphsTests/Fixtures/\(name)")
        let graph = try GraphLoader.load(edges: folder.appendingPathComponent("edges.csv"),
                                         nodes: folder.appendingPathComponent("nodes.csv"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("reference_metrics.json")))
        let metrics = (json as! [String: Any])["metrics"] as! [String: Any]
        return (graph, Reference(metrics: metrics))
    }

    func value(_ scores: [Double], _ graph: Graph, _ label: String) -> Double {
        scores[graph.nodes.id(of: label)!]
    }

    @Test("size, density, components", arguments: graphs)
    func basics(name: String) throws {
        let (g, ref) = try Self.load(name)
        #expect(g.nodeCount == Int(ref.number("n")))
        #expect(g.edgeCount == Int(ref.number("m")))
        #expect(isClose(g.density, ref.number("density"), relative: 1e-12))
        #expect(g.connectedComponents().count == Int(ref.number("n_connected_components")))
        for (label, degree) in ref.top("degree_top5") { #expect(g.degree(of: g.nodes.id(of: label)!) == Int(degree)) }
    }

    @Test("clustering and transitivity, unweighted and weighted", arguments: graphs)
    func clustering(name: String) throws {
        let (g, ref) = try Self.load(name)
        let c = g.clustering()
        #expect(isClose(c.average, ref.number("average_clustering"), absolute: 1e-12, relative: 1e-9))
        #expect(isClose(c.transitivity, ref.number("transitivity"), absolute: 1e-12, relative: 1e-9))
        if ref.metrics["average_clustering_weighted"] != nil {
            #expect(isClose(c.averageWeighted!, ref.number("average_clustering_weighted"), relative: 1e-9))
        }
    }

    @Test("average shortest path length and diameter", arguments: graphs)
    func paths(name: String) throws {
        let (g, ref) = try Self.load(name)
        let p = g.pathLengths()
        #expect(isClose(p.averageLength, ref.number("average_shortest_path_length"), relative: 1e-12))
        #expect(p.diameter == Int(ref.number("diameter")))
        #expect(p.reachablePairs == g.nodeCount * (g.nodeCount - 1))
    }

    @Test("degree assortativity", arguments: graphs)
    func assortativity(name: String) throws {
        let (g, ref) = try Self.load(name)
        #expect(isClose(g.degreeAssortativity, ref.number("degree_assortativity"), relative: 1e-9))
    }

    @Test("betweenness, normalised and not", arguments: graphs)
    func betweenness(name: String) throws {
        let (g, ref) = try Self.load(name)
        let normalised = Betweenness().scores(g)
        for (label, expected) in ref.top("betweenness_top5") {
            #expect(isClose(value(normalised, g, label), expected, relative: 1e-9), "\(label)")
        }
        let raw = Betweenness(normalized: false).scores(g)
        for (label, expected) in ref.top("betweenness_top5_unnormalized") {
            #expect(isClose(value(raw, g, label), expected, relative: 1e-9), "\(label)")
        }
    }

    @Test("PageRank, unweighted and weighted", arguments: graphs)
    func pagerank(name: String) throws {
        let (g, ref) = try Self.load(name)
        let unweighted = try PageRank(useWeights: false).scores(g)
        for (label, expected) in ref.top("pagerank_top5_unweighted") {
            #expect(isClose(value(unweighted, g, label), expected, relative: 1e-9), "\(label)")
        }
        if g.isWeighted {
            let weighted = try PageRank().scores(g)
            for (label, expected) in ref.top("pagerank_top5_weighted") {
                #expect(isClose(value(weighted, g, label), expected, relative: 1e-9), "\(label)")
            }
        }
    }

    @Test("Louvain reaches at least networkx's greedy modularity", arguments: graphs)
    func louvain(name: String) throws {
        let (g, ref) = try Self.load(name)
        let greedy = (ref.metrics["greedy_modularity"] as! [String: Any])["modularity"] as! Double
        // Louvain is a greedy heuristic: the stated target is that the best of 32 seeded runs matches or
        // beats CNM greedy; a single run must come within 0.01 (Florentine's runs stop at 0.3975 or 0.39875).
        let partition = Louvain(seed: 1, useWeights: false, restarts: 32).communities(g)
        let q = g.modularity(partition, useWeights: false)
        let single = g.modularity(Louvain(seed: 1, useWeights: false).communities(g), useWeights: false)
        #expect(single >= greedy - 0.01 && single <= q)
        #expect(q >= greedy - 1e-12, "Louvain Q = \(q), greedy Q = \(greedy)")
        // Modularity of networkx's own greedy partition, recomputed by us, equals its reported value.
        let communities = (ref.metrics["greedy_modularity"] as! [String: Any])["communities"] as! [[Any]]
        var labels = [Int](repeating: -1, count: g.nodeCount)
        for (c, members) in communities.enumerated() { for m in members { labels[g.nodes.id(of: "\(m)")!] = c } }
        #expect(isClose(g.modularity(Partition(labels: labels), useWeights: false), greedy, relative: 1e-12))
    }

    @Test("Leiden: a single run reaches networkx's greedy modularity, and every community is connected", arguments: graphs)
    func leiden(name: String) throws {
        let (g, ref) = try Self.load(name)
        let greedy = (ref.metrics["greedy_modularity"] as! [String: Any])["modularity"] as! Double
        let partition = Leiden(seed: 1, useWeights: false).communities(g)
        let q = g.modularity(partition, useWeights: false)
        #expect(q >= greedy - 1e-12, "Leiden Q = \(q), greedy Q = \(greedy)")
        for members in partition.members {
            let inside = Set(members)
            var seen: Set<Int> = [members[0]], stack = [members[0]]
            while let v = stack.popLast() {
                for u in g.neighbours(of: v) where inside.contains(Int(u)) && seen.insert(Int(u)).inserted { stack.append(Int(u)) }
            }
            #expect(seen.count == members.count, "community of \(members.count) is disconnected")
        }
    }
}

import Foundation
import Testing
import TestSupport
@testable import Graphs

/// Directed-graph and attribute metrics against Fixtures/extra_reference.json (networkx 3.6.1, made by
/// Fixtures/make_extra_reference.py).
@Suite("Directed graphs and attributes against networkx")
struct DirectedAndAttributeTests {
    static var reference: [String: Any] {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Tests/GraphsTests/Fixtures/extra_reference.json")
        return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    func directedFlorentine() throws -> (Graph, [String: Any]) {
        let ref = Self.reference["florentine_directed"] as! [String: Any]
        var builder = GraphBuilder(directed: true)
        let names = ["Acciaiuoli", "Albizzi", "Barbadori", "Bischeri", "Castellani", "Ginori", "Guadagni", "Lamberteschi",
                     "Medici", "Pazzi", "Peruzzi", "Ridolfi", "Salviati", "Strozzi", "Tornabuoni"]
        for name in names { builder.addNode(name) }
        for edge in ref["edges"] as! [[String]] { builder.addEdge(edge[0], edge[1]) }
        return (try builder.build(weighted: false), ref)
    }

    @Test("strong and weak components of a directed graph")
    func components() throws {
        let (g, ref) = try directedFlorentine()
        let strong = g.stronglyConnectedComponents()
        #expect(strong.count == ref["strong_components"] as! Int)
        #expect(strong.largestSize == ref["largest_strong_component"] as! Int)
        #expect(g.connectedComponents().count == ref["weak_components"] as! Int)
        #expect(strong.sizes.reduce(0, +) == g.nodeCount)
    }

    @Test("directed PageRank (with dangling nodes), betweenness and assortativity")
    func directedCentralities() throws {
        let (g, ref) = try directedFlorentine()
        let pagerank = try PageRank().scores(g)
        for (label, expected) in ref["pagerank"] as! [String: Double] {
            #expect(isClose(pagerank[g.nodes.id(of: label)!], expected, relative: 1e-9), "\(label)")
        }
        let betweenness = Betweenness().scores(g)
        for (label, expected) in ref["betweenness"] as! [String: Double] {
            #expect(isClose(betweenness[g.nodes.id(of: label)!], expected, absolute: 1e-15, relative: 1e-9), "\(label)")
        }
        #expect(isClose(g.degreeAssortativity, ref["degree_assortativity"] as! Double, relative: 1e-9))
    }

    @Test("E-I index and attribute assortativity of the karate club's factions")
    func attributes() throws {
        let ref = Self.reference["karate_club"] as! [String: Any]
        let folder = Fixtures.repositoryRoot.appendingPathComponent("Tests/GraphsTests/Fixtures/networkx_karate_club")
        let g = try GraphLoader.load(edges: folder.appendingPathComponent("edges.csv"), nodes: folder.appendingPathComponent("nodes.csv"))
        let ei = try #require(g.eiIndex("club"))
        #expect(ei.external == ref["ei_external"] as! Int)
        #expect(ei.internal == ref["ei_internal"] as! Int)
        #expect(isClose(ei.value, ref["ei_index"] as! Double, relative: 1e-12))
        #expect(isClose(g.attributeAssortativity("club")!, ref["attribute_assortativity_club"] as! Double, relative: 1e-9))
        #expect(g.eiIndex("no such attribute") == nil)
    }
}

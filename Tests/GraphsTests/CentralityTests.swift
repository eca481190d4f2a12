import Foundation
import Testing
import TestSupport
@testable import Graphs

/// Closeness, eigenvector, core numbers, Burt's constraint and effective size against networkx
/// 3.6.1 (Fixtures/extra_reference.json, made by Fixtures/make_extra_reference.py), on the four
/// undirected reference graphs and a directed one. Tolerances: 1e-12 relative for the exact
/// measures (same formulas, different summation order); eigenvector 1e-9, both sides iterated to
/// a change below 1e-12 per node.
@Suite("Centrality and brokerage against networkx")
struct CentralityTests {
    static let graphs = NetworkxReferenceTests.graphs

    static func reference(_ name: String) -> [String: [String: Double]] {
        let all = DirectedAndAttributeTests.reference["centrality"] as! [String: Any]
        let block = all[name] as! [String: Any]
        return block.mapValues { ($0 as! [String: Any]).mapValues { ($0 as! NSNumber).doubleValue } }
    }

    func check(_ scores: [Double], _ expected: [String: Double], _ g: Graph, relative: Double, _ what: String) {
        #expect(expected.count == g.nodeCount, "\(what): node count")
        for (label, value) in expected {
            let ours = scores[g.nodes.id(of: label)!]
            #expect(isClose(ours, value, absolute: 1e-14, relative: relative), "\(what) \(label): \(ours) vs \(value)")
        }
    }

    @Test("undirected graphs", arguments: graphs)
    func undirected(name: String) throws {
        let (g, _) = try NetworkxReferenceTests.load(name)
        let ref = Self.reference(name)
        check(g.closenessCentrality(), ref["closeness"]!, g, relative: 1e-12, "closeness")
        check(try g.eigenvectorCentrality(), ref["eigenvector"]!, g, relative: 1e-9, "eigenvector")
        check(g.coreNumbers().map(Double.init), ref["core_number"]!, g, relative: 0, "core number")
        let holes = g.structuralHoles()
        check(holes.constraint, ref["constraint"]!, g, relative: 1e-12, "constraint")
        check(holes.effectiveSize, ref["effective_size"]!, g, relative: 1e-12, "effective size")
    }

    @Test("a directed graph: closeness by incoming distance, cores by in + out degree, mutual-tie brokerage")
    func directed() throws {
        let (g, ref) = try DirectedAndAttributeTests().directedFlorentine()
        func values(_ key: String) -> [String: Double] { (ref[key] as! [String: Any]).mapValues { ($0 as! NSNumber).doubleValue } }
        check(g.closenessCentrality(), values("closeness"), g, relative: 1e-12, "closeness")
        check(g.coreNumbers().map(Double.init), values("core_number"), g, relative: 0, "core number")
        let holes = g.structuralHoles()
        check(holes.constraint, values("constraint"), g, relative: 1e-12, "constraint")
        check(holes.effectiveSize, values("effective_size"), g, relative: 1e-12, "effective size")
    }

    @Test("k-core closed forms: a clique K5 is a 4-core, a path a 1-core, a star with a triangle")
    func coreClosedForms() throws {
        #expect(try ErdosRenyi(n: 5, p: 1).generate(seed: 0).coreNumbers() == [4, 4, 4, 4, 4])
        var b = GraphBuilder()
        for (u, v) in [("a", "b"), ("b", "c"), ("c", "d"), ("c", "e"), ("d", "e"), ("x", "c")] { b.addEdge(u, v) }
        let g = try b.build()
        let cores = g.coreNumbers()
        #expect(["a", "b", "x"].allSatisfy { cores[g.nodes.id(of: $0)!] == 1 })
        #expect(["c", "d", "e"].allSatisfy { cores[g.nodes.id(of: $0)!] == 2 })
    }
}

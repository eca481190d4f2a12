import Foundation
import Tables
import Testing
import TestSupport
@testable import Graphs

/// GraphML, GEXF and Pajek: files written by networkx 3.6.1 (Fixtures/formats, made by
/// make_format_fixtures.py) read back with the same nodes, edges, weights and attributes; our own
/// files round-trip; malformed input is an error naming file and line.
@Suite("GraphML, GEXF and Pajek import and export")
struct GraphFormatTests {
    static let folder = Fixtures.repositoryRoot.appendingPathComponent("Tests/GraphsTests/Fixtures/formats")

    func temporary(_ name: String) throws -> URL {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name)
    }

    func write(_ text: String, _ name: String) throws -> URL {
        let url = try temporary(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The karate club as networkx wrote it: 34 nodes, 78 edges, weights summing to 231.
    func checkKarate(_ g: Graph, attributes: Bool) {
        #expect(g.nodeCount == 34 && g.edgeCount == 78 && !g.isDirected)
        #expect(g.isWeighted)
        let total = (0..<g.nodeCount).reduce(0.0) { $0 + g.weights(of: $1).reduce(0, +) } / 2
        #expect(total == 231)
        #expect(g.weight(g.nodes.id(of: "m0")!, g.nodes.id(of: "m1")!) == 4)
        if attributes {
            guard case let .categorical(codes, levels)? = g.nodes[attribute: "club"],
                  case let .numeric(tenure)? = g.nodes[attribute: "tenure"] else { Issue.record("attributes missing"); return }
            #expect(levels[Int(codes[g.nodes.id(of: "m33")!])] == "Officer")
            #expect(tenure[g.nodes.id(of: "m7")!] == 3.5)
        }
    }

    @Test("networkx-written GraphML, GEXF and Pajek")
    func networkxFiles() throws {
        checkKarate(try GraphLoader.load(edges: Self.folder.appendingPathComponent("karate.graphml")), attributes: true)
        checkKarate(try GraphLoader.load(edges: Self.folder.appendingPathComponent("karate.gexf")), attributes: true)
        checkKarate(try GraphLoader.load(edges: Self.folder.appendingPathComponent("karate.net")), attributes: false)
        let d = try GraphLoader.load(edges: Self.folder.appendingPathComponent("directed.graphml"))
        #expect(d.isDirected && d.edgeCount == 4 && d.hasEdge(d.nodes.id(of: "c")!, d.nodes.id(of: "a")!)
                && !d.hasEdge(d.nodes.id(of: "a")!, d.nodes.id(of: "c")!))
    }

    @Test("round trip: generated organisation network with attributes, relation layers and a result column")
    func roundTrip() throws {
        var g = try OrganisationNetwork(organisations: 3, teams: 2, teamSize: 6, leaders: ["nurse", "doctor"]).generate(seed: 3)
        g.nodes.setAttribute("adoption_time", .numeric((0..<g.nodeCount).map { $0 % 5 == 0 ? .nan : Double($0) / 4 }))
        for format in ["graphml", "gexf", "net", "csv"] {
            let url = try temporary("org.\(format)")
            try GraphWriter.write(g, to: url)
            let back = try GraphLoader.load(edges: url)
            #expect(back.nodeCount == g.nodeCount && back.edgeCount == g.edgeCount, "\(format)")
            for u in 0..<g.nodeCount {
                let bu = back.nodes.id(of: g.nodes.label(u))!
                #expect(Set(g.neighbours(of: u).map { g.nodes.label(Int($0)) }) == Set(back.neighbours(of: bu).map { back.nodes.label(Int($0)) }))
            }
            if format == "graphml" || format == "gexf" {
                for name in g.nodes.attributeNames {
                    let a = g.nodes[attribute: name]!, b = back.nodes[attribute: name]
                    #expect(b != nil, "\(format) lost \(name)")
                    if let b { for v in 0..<g.nodeCount { #expect(a.text(for: v) == b.text(for: back.nodes.id(of: g.nodes.label(v))!)) } }
                }
            }
            if format != "net" {
                let used = g.relationNames.filter { (g.layer($0)?.edgeCount ?? 0) > 0 }
                #expect(back.relationNames.sorted() == used.sorted(), "\(format)")
                #expect(back.layer("leadership")?.edgeCount == g.layer("leadership")?.edgeCount)
            }
        }
    }

    @Test("untrusted labels are escaped in XML and survive the round trip")
    func escaping() throws {
        var b = GraphBuilder()
        b.addEdge("<script>alert(1)</script>", "\"quoted\" & 'single'")
        b.nodes.setAttribute("note", .categorical(["a<b", "x>y&z"]))
        let g = try b.build()
        for format in ["graphml", "gexf"] {
            let url = try temporary("escape.\(format)")
            try GraphWriter.write(g, to: url)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(!text.contains("<script>"))
            let back = try GraphLoader.load(edges: url)
            #expect(back.nodes.id(of: "<script>alert(1)</script>") != nil && back.nodes.id(of: "\"quoted\" & 'single'") != nil)
        }
    }

    @Test("relation layers from an edge-list column; one tie in two relations belongs to both")
    func relationLayers() throws {
        let url = try write("source,target,relation\nann,bob,advice\nbob,cy,friendship\nbob,ann,friendship\ncy,dee,advice;co-work\n", "rel.csv")
        let g = try GraphLoader.load(edges: url)
        #expect(g.relationNames == ["advice", "friendship", "co-work"])
        #expect(g.edgeCount == 3)
        #expect(g.layer("advice")?.edgeCount == 2 && g.layer("friendship")?.edgeCount == 2 && g.layer("co-work")?.edgeCount == 1)
        #expect(g.layer("trust") == nil)
    }

    @Test("errors: malformed XML, undeclared node, bad weight, Pajek vertex out of range — each naming file and line")
    func errors() throws {
        func message(_ text: String, _ name: String) -> String {
            do {
                _ = try GraphLoader.load(edges: try write(text, name))
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let broken = message("<graphml>\n<graph edgedefault=\"undirected\">\n<node id=\"a\">\n</graph></graphml>\n", "bad.graphml")
        #expect(broken.contains("bad.graphml:") && broken.contains("malformed XML"))
        let undeclared = message("<graphml><graph edgedefault=\"undirected\">\n<node id=\"a\"/>\n<edge source=\"a\" target=\"zz\"/>\n</graph></graphml>", "u.graphml")
        #expect(undeclared.hasSuffix("u.graphml:3: edge target \"zz\" is not a declared node"))
        let weight = message("<gexf><graph>\n<nodes><node id=\"a\"/><node id=\"b\"/></nodes>\n<edges><edge source=\"a\" target=\"b\" weight=\"heavy\"/></edges>\n</graph></gexf>", "w.gexf")
        #expect(weight.contains("w.gexf:3: weight \"heavy\" is not a non-negative number"))
        let pajek = message("*Vertices 2\n1 \"a\"\n2 \"b\"\n*Edges\n1 3\n", "p.net")
        #expect(pajek.hasSuffix("p.net:5:2: vertex \"3\" is not a number in 1…2"))
        let section = message("*Vertices 2\n*Hyper\n", "s.net")
        #expect(section.contains("s.net:2: unknown section"))
    }
}

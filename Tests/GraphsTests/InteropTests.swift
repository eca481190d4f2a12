import Foundation
import Graphs
import Testing
import TestSupport

/// Round trips against independent readers and writers: files written by openpyxl and Python's
/// json from networkx's karate club, read by Skein; files Skein writes, read by networkx.
@Suite("Network formats against networkx and openpyxl")
struct InteropTests {
    struct Expected: Decodable {
        struct Node: Decodable { let id: String; let club: String; let degree: Int; let tags: [String] }
        struct Edge: Decodable { let from: String; let to: String; let weight: Int }
        let nodes: [Node]
        let edges: [Edge]
    }

    static func fixtures() throws -> (URL, Expected)? {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("interop-\(UUID().uuidString)")
        guard try InteropPython.run(["write", dir.path]) != nil else { return nil }
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: dir.appendingPathComponent("expected.json")))
        return (dir, expected)
    }

    /// The graph holds exactly the known network: people, undirected ties with their weights.
    func expectKarate(_ g: Graph, _ e: Expected, weights: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(g.nodeCount == 34 && g.edgeCount == 78 && !g.isDirected, "\(g.nodeCount) nodes, \(g.edgeCount) edges", sourceLocation: sourceLocation)
        for edge in e.edges {
            guard let u = g.nodes.id(of: edge.from), let v = g.nodes.id(of: edge.to) else {
                Issue.record("missing \(edge.from) or \(edge.to)", sourceLocation: sourceLocation)
                continue
            }
            #expect(g.hasEdge(u, v), sourceLocation: sourceLocation)
            if weights { #expect(g.weight(u, v) == Double(edge.weight), sourceLocation: sourceLocation) }
        }
    }

    func text(_ g: Graph, _ attribute: String, _ label: String) -> String? {
        guard let v = g.nodes.id(of: label), let column = g.nodes[attribute: attribute] else { return nil }
        return column.text(for: v)
    }

    @Test("Kumu JSON and Kumu, Polinode and NodeXL workbooks written by openpyxl read as the network they hold")
    func readsIndependentFiles() throws {
        guard let (dir, expected) = try Self.fixtures() else { return }
        let kumuJSON = try GraphLoader.load(edges: dir.appendingPathComponent("kumu.json"))
        expectKarate(kumuJSON, expected)
        let kumuXLSX = try GraphLoader.load(edges: dir.appendingPathComponent("kumu.xlsx"))
        expectKarate(kumuXLSX, expected)
        for (g, club, type, tags) in [(kumuJSON, "club", "type", "tags"), (kumuXLSX, "Club", "Type", "Tags")] {
            for node in expected.nodes {
                #expect(text(g, club, node.id) == node.club)
                #expect(text(g, type, node.id) == "Person")
                #expect(text(g, tags, node.id) == node.tags.joined(separator: "|"))
            }
            #expect(g.relationNames == ["knows"])
        }
        #expect(NetworkFormatCatalog.reader(for: dir.appendingPathComponent("kumu.xlsx")).name == KumuFormat.name)
        #expect(NetworkFormatCatalog.reader(for: dir.appendingPathComponent("polinode.xlsx")).name == PolinodeFormat.name)
        #expect(NetworkFormatCatalog.reader(for: dir.appendingPathComponent("nodexl.xlsx")).name == NodeXLFormat.name)
        let polinode = try GraphLoader.load(edges: dir.appendingPathComponent("polinode.xlsx"))
        expectKarate(polinode, expected)
        let nodexl = try GraphLoader.load(edges: dir.appendingPathComponent("nodexl.xlsx"))
        expectKarate(nodexl, expected, weights: false)
        for node in expected.nodes {
            #expect(text(polinode, "degree", node.id) == "\(Double(node.degree))")
            #expect(text(nodexl, "Club", node.id) == node.club)
        }
        // Sheets named by option, and a sheet that is not there, with a did-you-mean.
        let named = try GraphLoader.load(edges: dir.appendingPathComponent("polinode.xlsx"),
                                         read: NetworkReadOptions(nodesSheet: "nodes", edgesSheet: "EDGES"), format: "xlsx")
        expectKarate(named, expected)
        let error = #expect(throws: (any Error).self) {
            try GraphLoader.load(edges: dir.appendingPathComponent("polinode.xlsx"), read: NetworkReadOptions(edgesSheet: "Edgse"), format: "xlsx")
        }
        #expect("\(error!)".contains("did you mean \"Edges\"?"))
    }

    @Test("openpyxl reads Skein's Kumu workbook: Elements and Connections sheets with the cells written")
    func openpyxlReadsOurWorkbook() throws {
        guard let (dir, _) = try Self.fixtures() else { return }
        let graph = try GraphLoader.load(edges: dir.appendingPathComponent("kumu.json"))
        let out = dir.appendingPathComponent("ours.xlsx")
        try NetworkFormatCatalog.write(graph, to: out, format: "kumu")
        guard let text = try InteropPython.run(["read-xlsx", out.path]) else { return }
        let sheets = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [[Any]]]
        let elements = try #require(sheets?["Elements"]), connections = try #require(sheets?["Connections"])
        #expect(elements.count == 35 && connections.count == 79)
        #expect(elements[0].first as? String == "Label" && connections[0].prefix(3).map { $0 as? String } == ["From", "To", "Direction"])
        let founder = try #require(elements.first { $0.first as? String == "p0" })
        let header = elements[0].map { $0 as? String }
        #expect(founder[header.firstIndex(of: "tags")!] as? String == "founder")
        #expect((founder[header.firstIndex(of: "degree")!] as? NSNumber)?.intValue == 16)
    }

    struct Read: Decodable {
        let directed: Bool
        let nodes: [String: [String: Value]]
        let labels: [String: String]
        let edges: [[Value]]
        enum Value: Decodable {
            case text(String), number(Double)
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let x = try? c.decode(Double.self) { self = .number(x) } else { self = .text(try c.decode(String.self)) }
            }
            var string: String { if case let .text(s) = self { return s }; return "" }
            var double: Double { if case let .number(x) = self { return x }; return .nan }
        }
    }

    @Test("networkx reads Skein's GraphML and GEXF with the same nodes, edges, weights, relations and attributes")
    func networkxReadsOurFiles() throws {
        guard InteropPython.executable != nil || ProcessInfo.processInfo.environment["CI"] == "true" else {
            print("skipped: no .build/interop-venv (scripts/interop-venv.sh makes it; make test runs it)")
            return
        }
        var builder = GraphBuilder()
        for (u, v, w, r) in [("Ann Lee", "Bo & Co", 2.0, "advice"), ("Bo & Co", "Cy <3", 1.0, "friendship"), ("Ann Lee", "Cy <3", 0.5, "advice")] {
            try builder.addEdge(u, v, weight: w, relation: r)
        }
        _ = builder.addNode("Dee \"quoted\"")
        builder.nodes.setAttribute("team", .categorical(["ward 1", "ward 2", nil, "ward 1"]))
        builder.nodes.setAttribute("tenure", .numeric([3, .nan, 7.25, 1]))
        let graph = try builder.build(weighted: true)
        for ext in ["graphml", "gexf"] {
            let url = Fixtures.temporaryDirectory.appendingPathComponent("ours-\(UUID().uuidString).\(ext)")
            try GraphWriter.write(graph, to: url)
            guard let out = try InteropPython.run(["read", url.path]) else { return }
            let read = try JSONDecoder().decode(Read.self, from: Data(out.utf8))
            #expect(!read.directed)
            #expect(Set(read.nodes.keys) == Set(graph.nodes.labels), "\(ext)")
            #expect(read.edges.count == graph.edgeCount, "\(ext)")
            for edge in read.edges {
                let u = graph.nodes.id(of: edge[0].string)!, v = graph.nodes.id(of: edge[1].string)!
                #expect(graph.weight(u, v) == edge[2].double, "\(ext) \(edge)")
                #expect(graph.relationMask(arc: graph.csrOffsets[u] + graph.neighbours(of: u).firstIndex(of: UInt32(v))! - graph.csrOffsets[u]) != 0)
            }
            let relations = Set(read.edges.map { $0[3].string })
            #expect(relations == ["advice", "friendship"], "\(ext)")
            for v in 0..<graph.nodeCount {
                let label = graph.nodes.label(v)
                let team = graph.nodes[attribute: "team"]!.text(for: v)
                #expect((read.nodes[label]?["team"]?.string ?? "") == team, "\(ext) \(label)")
                let tenure = read.nodes[label]?["tenure"]?.double
                if case let .numeric(values) = graph.nodes[attribute: "tenure"]! {
                    #expect(values[v].isNaN ? tenure == nil : tenure == values[v], "\(ext) \(label)")
                }
            }
        }
    }
}

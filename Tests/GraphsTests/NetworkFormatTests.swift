import Foundation
import Graphs
import Tables
import Testing
import TestSupport

@Suite("Network formats: Kumu, Polinode, Gephi, UCINET, surveys")
struct NetworkFormatTests {
    func write(_ text: String, _ name: String) throws -> URL {
        let url = Fixtures.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)")
        try Data(text.utf8).write(to: url)
        return url
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return ""
    }

    /// Every edge as `u>v` (directed) or `u-v` (sorted ends), by label.
    func edges(_ g: Graph) -> Set<String> {
        var out = Set<String>()
        for u in 0..<g.nodeCount {
            for v in g.neighbours(of: u) {
                let a = g.nodes.label(u), b = g.nodes.label(Int(v))
                out.insert(g.isDirected ? "\(a)>\(b)" : [a, b].sorted().joined(separator: "-"))
            }
        }
        return out
    }

    @Test("a Kumu export: connections name elements by _id, directions mix, fields sit under attributes")
    func kumuExport() throws {
        let url = try write("""
            {"elements": [
              {"_id": "e1", "attributes": {"label": "Ward 4 lead", "element type": "Person", "tags": ["QI", "nurse"]}},
              {"_id": "e2", "attributes": {"label": "Pharmacy", "element type": "Team", "size": 12}},
              {"_id": "e3", "attributes": {"label": "Dr Okafor", "element type": "Person"}}],
             "connections": [
              {"_id": "c1", "from": "e1", "to": "e2", "direction": "mutual", "attributes": {"connection type": "advice"}},
              {"_id": "c2", "from": "e2", "to": "e3", "direction": "directed"},
              {"_id": "c3", "from": "Dr Okafor", "to": "Ward 4 lead", "direction": "undirected"}]}
            """, "map.json")
        #expect(NetworkFormatCatalog.reader(for: url).name == "kumu")
        let g = try GraphLoader.load(edges: url)
        #expect(g.isDirected && g.nodeCount == 3)
        #expect(edges(g) == ["Ward 4 lead>Pharmacy", "Pharmacy>Ward 4 lead", "Pharmacy>Dr Okafor", "Dr Okafor>Ward 4 lead", "Ward 4 lead>Dr Okafor"])
        #expect(g.nodes[attribute: "tags"]!.text(for: 0) == "QI|nurse")
        #expect(g.nodes[attribute: "element type"]!.text(for: 1) == "Team")
        #expect(g.nodes[attribute: "size"]!.isCategorical == false)
        #expect(g.nodes[attribute: "kumu id"] == nil)
        #expect(g.relationNames == ["advice"])
        // Located errors: the record and field.
        let bad = try write(#"{"elements": [{"label": "a"}], "connections": [{"from": "a", "to": "", "direction": "directed"}]}"#, "bad.json")
        #expect(message { _ = try GraphLoader.load(edges: bad) }.contains("bad.json [connections item 1, field \"to\"]: empty to"))
        let broken = try write(#"{"elements": [ {"label": "a"} "#, "broken.json")
        #expect(message { _ = try GraphLoader.load(edges: broken, format: "kumu") }.contains("not valid JSON"))
    }

    @Test("Kumu JSON and .xlsx, Polinode JSON and .xlsx, any .xlsx, UCINET .vna, GEXF and GraphML written by Skein read back the same network")
    func roundTrips() throws {
        var builder = GraphBuilder(directed: true)
        for (u, v, w, r) in [("Ann Lee", "Bo", 2.0, "advice"), ("Bo", "Cy <C> & co", 1.0, "friendship"), ("Cy <C> & co", "Ann Lee", 3.0, "advice")] {
            try builder.addEdge(u, v, weight: w, relation: r)
        }
        builder.nodes.setAttribute("team", .categorical(["ward 1", "ward 2", "ward 1"]))
        builder.nodes.setAttribute("tags", .categorical(["qi|lead", nil, "qi"]))
        builder.nodes.setAttribute("tenure", .numeric([3, .nan, 7.25]))
        let graph = try builder.build(weighted: true)
        for (format, ext) in [("kumu", "json"), ("polinode", "json"), ("vna", "vna"), ("gexf", "gexf"), ("graphml", "graphml"),
                              ("kumu", "xlsx"), ("polinode", "xlsx"), ("xlsx", "xlsx")] {
            let url = Fixtures.temporaryDirectory.appendingPathComponent("rt-\(UUID().uuidString).\(ext)")
            try NetworkFormatCatalog.write(graph, to: url, format: format)
            let back = try GraphLoader.load(edges: url, options: EdgeListOptions(directed: true), format: format)
            #expect(edges(back) == edges(graph), "\(format)")
            #expect(Set(back.relationNames) == ["advice", "friendship"], "\(format)")
            for v in 0..<graph.nodeCount {
                let w = back.nodes.id(of: graph.nodes.label(v))!
                #expect(back.nodes[attribute: "team"]?.text(for: w) == graph.nodes[attribute: "team"]!.text(for: v), "\(format)")
                #expect(back.nodes[attribute: "tags"]?.text(for: w) == graph.nodes[attribute: "tags"]!.text(for: v), "\(format)")
                #expect(back.nodes[attribute: "tenure"]?.text(for: w) == graph.nodes[attribute: "tenure"]!.text(for: v), "\(format)")
                for (p, target) in graph.neighbours(of: v).enumerated() {
                    let t = back.nodes.id(of: graph.nodes.label(Int(target)))!
                    #expect(back.weight(w, t) == graph.csrWeights![graph.csrOffsets[v] + p], "\(format)")
                }
            }
        }
    }

    @Test("UCINET .vna: quoted names, node data, NetDraw properties skipped, one column per relation")
    func vna() throws {
        let url = try write("""
            *node data
            ID name team
            1 "Ann Lee" a
            2 "Bo Chen" b
            3 Cy a
            *node properties
            ID x y color
            1 10 20 255
            *tie data
            from to advice friend
            1 2 1 0
            2 3 1 1
            3 1 0 0
            """, "net.vna")
        let g = try GraphLoader.load(edges: url)
        #expect(g.isDirected && g.nodeCount == 3 && g.edgeCount == 2)
        #expect(g.nodes[attribute: "name"]!.text(for: 0) == "Ann Lee")
        #expect(g.relationNames == ["advice", "friend"])
        let bad = try write("*tie data\nfrom to w\n1 \"2 3\n", "bad.vna")
        #expect(message { _ = try GraphLoader.load(edges: bad) }.contains("bad.vna:3: a quoted value is never closed"))
        // Found by the vna fuzz target: a second *tie data section with another header.
        let twice = try write("*tie data\nfrom to a\n1 2 1\n*tie data\nfrom to a b c\n1 2 1 0 1\n", "twice.vna")
        #expect(message { _ = try GraphLoader.load(edges: twice) }.contains("twice.vna:4:1: a second *tie data section (the first is on line 1)"))
    }

    @Test("Gephi's edge table: Type says the direction, Undirected ties run both ways once any is Directed")
    func gephi() throws {
        let mixed = try GraphLoader.load(edges: write("Source,Target,Type,Id,Label,Weight\na,b,Undirected,0,,2\nb,c,Directed,1,,1\n", "e.csv"))
        #expect(mixed.isDirected && edges(mixed) == ["a>b", "b>a", "b>c"] && mixed.relationNames.isEmpty)
        let undirected = try GraphLoader.load(edges: write("Id,Source,Target,Type\n0,a,b,Undirected\n", "u.csv"))
        #expect(!undirected.isDirected && edges(undirected) == ["a-b"])
        let nodexl = try GraphLoader.load(edges: write("Vertex 1,Vertex 2,Color\nx,y,Red\n", "n.csv"))
        #expect(edges(nodexl) == ["x-y"])
    }

    @Test("workbooks: a file that is not one, and sheets that are missing, are located errors")
    func workbookErrors() throws {
        let fake = try write("source,target\na,b\n", "fake.xlsx")
        #expect(message { _ = try GraphLoader.load(edges: fake) }.contains("fake.xlsx: not an Excel workbook"))
    }

    @Test("a name-generator survey by name: case and spacing ignored, unmatched names reported with a did-you-mean")
    func surveyByName() throws {
        let table = try CellTable.read(write("""
            id,name,ward,nominee1,nominee2,nominee3
            1,Ann Lee,4,bo  chen,Dr  Okafor,
            2,Bo Chen,4,ANN LEE,Dr Okafr,Sam Ray
            3,Dr Okafor,5,,,
            """, "s.csv"))
        let (g, report) = try SurveyReader(options: SurveyOptions(matching: .name)).read(table)
        #expect(g.isDirected && g.nodeCount == 3 && edges(g) == ["1>2", "1>3", "2>1"])
        #expect(report.unmatched.map(\.name) == ["Dr Okafr", "Sam Ray"])
        #expect(report.unmatched.first?.suggestion == "Dr Okafor")
        #expect(report.notices.contains { $0.contains("\"Dr Okafr\" (did you mean \"Dr Okafor\"?)") })
        #expect(g.nodes[attribute: "ward"] != nil && g.nodes[attribute: "nominee1"] == nil)
        var keep = SurveyOptions(matching: .name)
        keep.keepUnsurveyed = true
        #expect(try SurveyReader(options: keep).read(table).graph.nodeCount == 5)
    }

    @Test("netdiffuseR's medInnovations survey columns give exactly the shared edge list and its weights")
    func medInnovations() throws {
        guard let shared = Fixtures.sharedData else { print("skipped: ../shared/data is absent"); return }
        let folder = shared.appendingPathComponent("networks/netdiffuser_medInnovations")
        var options = SurveyOptions(group: "city")
        options.layers = [.init(name: "advice", columns: ["net1_*"]), .init(name: "discussion", columns: ["net2_*"]),
                          .init(name: "friendship", columns: ["net3_*"])]
        let (g, report) = try SurveyReader(options: options).read(CellTable.read(folder.appendingPathComponent("nodes.csv")))
        #expect(report.nominations == 912 && report.unsurveyed.count == 462 && report.selfNominations == 0)
        // edges.csv: one row per nomination (source, target, relation); edges_weighted.csv: slots per pair.
        var expected = Set<String>(), weights: [String: Double] = [:]
        for row in try DelimitedReader(contentsOf: folder.appendingPathComponent("edges.csv")).allRows().dropFirst() {
            expected.insert("\(row[0])>\(row[1]):\(row[2])")
        }
        for row in try DelimitedReader(contentsOf: folder.appendingPathComponent("edges_weighted.csv")).allRows().dropFirst() {
            weights["\(row[0])>\(row[1])"] = Double(row[2])
        }
        var ours = Set<String>()
        for u in 0..<g.nodeCount {
            for (i, v) in g.neighbours(of: u).enumerated() {
                let p = g.csrOffsets[u] + i, key = "\(g.nodes.label(u))>\(g.nodes.label(Int(v)))"
                for (bit, name) in g.relationNames.enumerated() where g.relationMask(arc: p) & (1 << UInt32(bit)) != 0 {
                    ours.insert("\(key):\(name)")
                }
                #expect(weights[key] == g.csrWeights![p], "\(key)")
            }
        }
        #expect(ours == expected)
        #expect(g.edgeCount == weights.count && g.nodeCount == 125)
        // The same with the columns found by their names alone (layers net1, net2, net3).
        let detected = try SurveyReader(options: SurveyOptions(group: "city")).read(CellTable.read(folder.appendingPathComponent("nodes.csv")))
        #expect(detected.graph.relationNames == ["net1", "net2", "net3"] && detected.graph.edgeCount == 294)
    }
}

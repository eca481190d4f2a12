import Foundation
import Tables
import Testing
import TestSupport
@testable import Graphs

@Suite("Edge list and node attribute import")
struct EdgeListReaderTests {
    func write(_ text: String, _ name: String) throws -> URL {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-edgelist-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("formats: CSV with header, TSV, whitespace with comments, CRLF and BOM")
    func formats() throws {
        let csv = try GraphLoader.load(edges: write("\u{FEFF}source,target,weight\r\nann,bob,2\r\nbob,cy,1.5\r\n", "e.csv"))
        #expect(csv.nodeCount == 3 && csv.edgeCount == 2 && csv.weight(1, 2) == 1.5)
        let tsv = try GraphLoader.load(edges: write("1\t2\n2\t3\n", "e.tsv"))
        #expect(tsv.edgeCount == 2 && !tsv.isWeighted)
        let snap = try GraphLoader.load(edges: write("# Directed graph\n# FromNodeId\tToNodeId\n0 1\n1  2\n\n2 0\n", "e.txt"),
                                        options: EdgeListOptions(directed: true))
        #expect(snap.isDirected && snap.edgeCount == 3 && snap.nodes.labels == ["0", "1", "2"])
        let quoted = try GraphLoader.load(edges: write("from,to\n\"Smith, J\",\"Jones \"\"JJ\"\"\"\n", "q.csv"))
        #expect(quoted.nodes.labels == ["Smith, J", "Jones \"JJ\""])
    }

    @Test("errors name the file, line and column and say what was expected")
    func errors() throws {
        let bad = try write("source,target,weight\na,b,1\nc,d,heavy\n", "bad.csv")
        do {
            _ = try GraphLoader.load(edges: bad)
            Issue.record("expected an error")
        } catch let error as TableError {
            #expect(error.line == 3 && error.column == 3)
            #expect(error.description.hasPrefix(bad.path + ":3:3: weight \"heavy\" is not a non-negative number"))
        }
        let short = try write("a b\nc\n", "short.txt")
        #expect(throws: TableError(file: short.path, line: 2, column: 1, message: "expected at least 2 fields (source, target), found 1")) {
            try GraphLoader.load(edges: short)
        }
        let ragged = try write("a,b\nb,c,x\n", "ragged.csv")
        #expect(throws: TableError(file: ragged.path, line: 2, message: "expected 2 fields as on line 1, found 3")) {
            try GraphLoader.load(edges: ragged)
        }
        let unclosed = try write("a,\"b\nc,d\n", "unclosed.csv")
        #expect(throws: TableError.self) { try GraphLoader.load(edges: unclosed) }
    }

    @Test("node attributes: categorical and numeric columns; unknown nodes rejected or added")
    func attributes() throws {
        let edges = try write("a,b\nb,c\n", "e.csv")
        let nodes = try write("id,org,tenure\na,Trust A,3\nb,Trust B,\nc,Trust A,10\n", "n.csv")
        let g = try GraphLoader.load(edges: edges, nodes: nodes)
        #expect(g.nodes.attributeNames == ["org", "tenure"])
        #expect(g.nodes[attribute: "org"] == .categorical(codes: [0, 1, 0], levels: ["Trust A", "Trust B"]))
        guard case let .numeric(tenure)? = g.nodes[attribute: "tenure"] else { Issue.record("tenure not numeric"); return }
        #expect(tenure[0] == 3 && tenure[1].isNaN && tenure[2] == 10)

        let extra = try write("id,org\na,X\nb,X\nc,Y\nzed,Y\n", "n2.csv")
        #expect(throws: TableError(file: extra.path, line: 5, column: 1,
                                   message: "unknown node \"zed\": it is in no edge (use --add-isolates to add such nodes)")) {
            try GraphLoader.load(edges: edges, nodes: extra)
        }
        let withIsolate = try GraphLoader.load(edges: edges, nodes: extra, unknownNodes: .addIsolated)
        #expect(withIsolate.nodeCount == 4 && withIsolate.degree(of: 3) == 0)
    }
}

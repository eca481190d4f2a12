import Foundation
import Testing
import TestSupport
@testable import Graphs

/// SNAP email-Eu-core (1005 people, 25 571 e-mails) against the figures SNAP publishes for it
/// (../shared/data/networks/snap_email_eu_core/SOURCE.md): exact counts, and average clustering
/// to SNAP's four printed digits. Read from ../shared (SNAP's terms ask for attribution, not
/// redistribution); skipped with a message when that folder is absent.
@Suite("SNAP email-Eu-core against SNAP's published figures")
struct SNAPReferenceTests {
    static var edges: URL? {
        Fixtures.sharedData?.appendingPathComponent("networks/snap_email_eu_core/edges.csv")
    }

    /// Nodes and stored arcs of the component with the most nodes.
    func largest(_ g: Graph, _ components: Components) -> (nodes: Int, edges: Int) {
        let c = Int32(components.largest)
        var arcs = 0
        for u in 0..<g.nodeCount where components.labels[u] == c {
            for v in g.neighbours(of: u) where components.labels[Int(v)] == c { arcs += 1 }
        }
        return (components.largestSize, arcs)
    }

    @Test("directed: nodes, edges, largest weak and strong components (self-loops kept, as SNAP counts them)")
    func directed() throws {
        guard let url = Self.edges, FileManager.default.fileExists(atPath: url.path) else {
            print("skipped: ../shared/data/networks/snap_email_eu_core is absent")
            return
        }
        let g = try GraphLoader.load(edges: url, options: EdgeListOptions(directed: true, selfLoops: .keep))
        #expect(g.nodeCount == 1005 && g.edgeCount == 25571)
        let weak = largest(g, g.connectedComponents())
        #expect(weak.nodes == 986 && weak.edges == 25552)
        let strongComponents = g.stronglyConnectedComponents()
        let strong = largest(g, strongComponents)
        #expect(strong.nodes == 803 && strong.edges == 24729)
        #expect(strongComponents.count == 203)
    }

    @Test("undirected, loops dropped: triangles, average clustering 0.3994, diameter 7")
    func undirected() throws {
        guard let url = Self.edges, FileManager.default.fileExists(atPath: url.path) else {
            print("skipped: ../shared/data/networks/snap_email_eu_core is absent")
            return
        }
        let g = try GraphLoader.load(edges: url)
        #expect(g.edgeCount == 16064)
        let c = g.clustering()
        #expect(c.triangles.reduce(0, +) / 3 == 105461)
        #expect(abs(c.average - 0.3994) < 0.00005)
        #expect(g.pathLengths().diameter == 7)
    }
}

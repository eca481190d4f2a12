import Foundation
import Testing
@testable import Graphs

/// The force-directed layout: inside the unit square, deterministic, and doing what a layout is
/// for — tied people close, communities apart.
@Suite("Force-directed layout")
struct ForceLayoutTests {
    /// Two cliques of 20 joined by one tie.
    static func twoCliques() throws -> Graph {
        var b = GraphBuilder()
        for c in 0..<2 {
            for i in 0..<20 { for j in (i + 1)..<20 { b.addEdge("\(c)-\(i)", "\(c)-\(j)") } }
        }
        b.addEdge("0-0", "1-0")
        return try b.build()
    }

    static func distance(_ p: (x: [Double], y: [Double]), _ a: Int, _ b: Int) -> Double {
        ((p.x[a] - p.x[b]) * (p.x[a] - p.x[b]) + (p.y[a] - p.y[b]) * (p.y[a] - p.y[b])).squareRoot()
    }

    @Test func communitiesSeparateAndTiesAreShort() throws {
        let g = try Self.twoCliques()
        let p = ForceLayout(seed: 3).positions(g)
        #expect(p.x.allSatisfy { $0 >= 0 && $0 <= 1 } && p.y.allSatisfy { $0 >= 0 && $0 <= 1 })
        let group = (0..<g.nodeCount).map { g.nodes.label($0).hasPrefix("0-") ? 0 : 1 }
        var within: [Double] = [], across: [Double] = []
        for a in 0..<g.nodeCount { for b in (a + 1)..<g.nodeCount { (group[a] == group[b] ? { within.append($0) } : { across.append($0) })(Self.distance(p, a, b)) } }
        let meanWithin = within.reduce(0, +) / Double(within.count), meanAcross = across.reduce(0, +) / Double(across.count)
        #expect(meanAcross > 2 * meanWithin, "within \(meanWithin), across \(meanAcross)")
        // No two people on the same spot.
        var closest = Double.infinity
        for a in 0..<g.nodeCount { for b in (a + 1)..<g.nodeCount { closest = min(closest, Self.distance(p, a, b)) } }
        #expect(closest > 1e-3)
    }

    @Test func sameSeedSameDrawing() throws {
        let g = try BarabasiAlbert(n: 500, m: 2).generate(seed: 1)
        let a = ForceLayout(seed: 7).positions(g), b = ForceLayout(seed: 7).positions(g), c = ForceLayout(seed: 8).positions(g)
        #expect(a.x == b.x && a.y == b.y)
        #expect(a.x != c.x)
        // Ties are shorter than random pairs on a scale-free network too.
        var tie = 0.0, ties = 0
        for u in 0..<g.nodeCount { for v in g.neighbours(of: u) where Int(v) > u { tie += Self.distance(a, u, Int(v)); ties += 1 } }
        var random = 0.0
        for u in 0..<g.nodeCount { random += Self.distance(a, u, (u * 7919 + 13) % g.nodeCount) }
        #expect(tie / Double(ties) < 0.6 * random / Double(g.nodeCount))
    }

    @Test func tinyGraphsAreHandled() throws {
        var b = GraphBuilder()
        _ = b.addNode("alone")
        let one = ForceLayout().positions(try b.build())
        #expect(one.x == [0.5] && one.y == [0.5])
        var pair = GraphBuilder()
        pair.addEdge("a", "b")
        let two = ForceLayout().positions(try pair.build())
        #expect(two.x.allSatisfy(\.isFinite) && Self.distance(two, 0, 1) > 0.1)
    }
}

import Foundation
import NumericCore
import Testing
@testable import Graphs

/// Components by Afforest (undirected graphs) against a plain breadth-first search written here,
/// on graphs built to stress its shortcuts: a giant component with small ones beside it, isolated
/// nodes, self-loops, ties from the giant component to nodes outside it listed only late in their
/// rows, and graphs with no giant component at all.
@Suite("connected components")
struct ComponentsTests {
    /// Labels numbered by each component's smallest node, by breadth-first search.
    static func reference(_ g: Graph) -> [Int32] {
        var labels = [Int32](repeating: -1, count: g.nodeCount)
        var next: Int32 = 0
        for s in 0..<g.nodeCount where labels[s] < 0 {
            labels[s] = next
            var queue = [s], head = 0
            while head < queue.count {
                let v = queue[head]; head += 1
                for p in g.offsets[v]..<g.offsets[v + 1] where labels[Int(g.targets[p])] < 0 {
                    labels[Int(g.targets[p])] = next
                    queue.append(Int(g.targets[p]))
                }
            }
            next += 1
        }
        return labels
    }

    static func graph(n: Int, edges: [(Int, Int)], selfLoops: SelfLoopPolicy = .keep) throws -> Graph {
        var b = GraphBuilder(directed: false, selfLoops: selfLoops)
        b.addNodes(count: n)
        for (u, v) in edges { b.addEdge(u, v) }
        return try b.build(weighted: false)
    }

    @Test("equal to a breadth-first search on random graphs with and without a giant component", arguments: 0..<40)
    func randomGraphs(_ trial: Int) throws {
        var rng = Xoshiro256PlusPlus(seed: UInt64(trial), replicate: 0, purpose: .sampling)
        let n = 50 + rng.nextInt(below: 400)
        // From sparse (many small components) to dense enough for one giant component.
        let m = Int(Double(n) * [0.3, 0.6, 1.0, 2.0, 4.0][trial % 5])
        var edges: [(Int, Int)] = []
        for _ in 0..<m { edges.append((rng.nextInt(below: n), rng.nextInt(below: n))) }
        // Nodes outside the giant one whose only tie into it is their last neighbour.
        for _ in 0..<5 {
            let late = rng.nextInt(below: n)
            edges.append((late, n - 1 - rng.nextInt(below: 3)))
        }
        let g = try Self.graph(n: n, edges: edges)
        let c = g.connectedComponents()
        #expect(c.labels == Self.reference(g), "trial \(trial): n \(n), m \(m)")
        #expect(c.sizes.reduce(0, +) == n)
        for (k, size) in c.sizes.enumerated() { #expect(c.labels.filter { $0 == Int32(k) }.count == size) }
    }

    @Test("isolated nodes, self-loops, a path whose ends meet only through its last ties, and no edges at all")
    func edgeCases() throws {
        // A long path numbered so the second-round links leave it in pieces: 0–9, 9–1, 1–8, 8–2, …
        let path = [(0, 9), (9, 1), (1, 8), (8, 2), (2, 7), (7, 3), (3, 6), (6, 4), (4, 5)]
        let g = try Self.graph(n: 14, edges: path + [(10, 10), (11, 12)])
        let c = g.connectedComponents()
        #expect(c.labels == Self.reference(g))
        #expect(c.count == 4 && c.sizes == [10, 1, 2, 1])
        let empty = try Self.graph(n: 5, edges: [])
        #expect(empty.connectedComponents().sizes == [1, 1, 1, 1, 1])
        let star = try Self.graph(n: 200, edges: (1..<200).map { (0, $0) } + [(150, 151)])
        #expect(star.connectedComponents().sizes == [200])
    }
}

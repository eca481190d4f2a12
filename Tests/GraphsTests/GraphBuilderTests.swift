import Foundation
import Testing
import TestSupport
@testable import Graphs

@Suite("Graph building and policies")
struct GraphBuilderTests {
    @Test("undirected edges are stored at both ends, sorted, with weights; duplicates summed by default")
    func undirected() throws {
        var b = GraphBuilder()
        b.addEdge("a", "b", weight: 2)
        b.addEdge("c", "a")
        b.addEdge("b", "a", weight: 3)   // the same edge as a–b
        let g = try b.build()
        #expect(g.nodeCount == 3 && g.edgeCount == 2)
        #expect(Array(g.neighbours(of: 0)) == [1, 2])
        #expect(g.weight(0, 1) == 5 && g.weight(1, 0) == 5)
        #expect(g.hasEdge(2, 0) && !g.hasEdge(1, 2))
        #expect(g.adjacencyBytes == 4 * 8 + 4 * 4 + 4 * 8)  // offsets + 4 entries + weights
    }

    @Test("duplicate and self-loop policies")
    func policies() throws {
        func build(_ duplicates: DuplicateEdgePolicy, _ loops: SelfLoopPolicy) throws -> Graph {
            var b = GraphBuilder(duplicates: duplicates, selfLoops: loops)
            b.addEdge("x", "y", weight: 1)
            b.addEdge("y", "x", weight: 4)
            b.addEdge("y", "y", weight: 1)
            return try b.build()
        }
        #expect(try build(.keepFirst, .drop).weight(0, 1) == 1)
        #expect(try build(.keepLast, .drop).weight(0, 1) == 4)
        #expect(try build(.sumWeights, .drop).selfLoopCount == 0)
        let withLoop = try build(.sumWeights, .keep)
        #expect(withLoop.selfLoopCount == 1 && withLoop.edgeCount == 2 && withLoop.degree(of: 1) == 3)
        #expect(throws: GraphBuildError.duplicateEdge(source: "x", target: "y")) { try build(.reject, .drop) }
        #expect(throws: GraphBuildError.selfLoop(node: "y")) { try build(.sumWeights, .reject) }
    }

    @Test("directed graphs keep in- and out-adjacency")
    func directed() throws {
        var b = GraphBuilder(directed: true)
        b.addEdge("a", "b"); b.addEdge("a", "c"); b.addEdge("c", "b")
        let g = try b.build()
        #expect(g.edgeCount == 3 && g.outDegree(of: 0) == 2 && g.inDegree(of: 1) == 2)
        #expect(Array(g.inNeighbours(of: 1)) == [0, 2])
        #expect(!g.hasEdge(1, 0))
        let u = g.undirected()
        #expect(!u.isDirected && u.edgeCount == 3 && u.hasEdge(1, 0))
    }

    @Test("a negative weight is rejected with the edge named")
    func negativeWeight() {
        var b = GraphBuilder()
        b.addEdge("p", "q", weight: -1)
        #expect(throws: GraphBuildError.negativeOrNonFiniteWeight(source: "p", target: "q", weight: -1)) { try b.build() }
    }
}

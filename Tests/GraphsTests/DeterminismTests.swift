import Foundation
import NumericCore
import Testing
import TestSupport
@testable import Graphs

/// Parallel metrics give the same bits on 1 and 2 threads, and sampling follows its seed.
@Suite("Network metrics: determinism and sampling")
struct DeterminismTests {
    /// A reproducible random graph: 600 nodes, each tied to 4 random others.
    func randomGraph() throws -> Graph {
        var g = Xoshiro256PlusPlus(seed: 5, replicate: 0, purpose: .networkGeneration)
        var b = GraphBuilder()
        b.addNodes(count: 600)
        for u in 0..<600 { for _ in 0..<4 { b.addEdge(u, g.nextInt(below: 600)) } }
        return try b.build()
    }

    @Test("betweenness, PageRank, clustering, paths and Louvain are bit-identical on 1 and 2 threads")
    func threadIndependence() throws {
        let graph = try randomGraph()
        func run() throws -> ([Double], [Double], [Double], PathLengthSummary, Partition) {
            (Betweenness().scores(graph), try PageRank().scores(graph), graph.clustering().local, graph.pathLengths(),
             Louvain(seed: 3).communities(graph))
        }
        let one = try Compute.withThreads(1) { try run() }
        let two = try Compute.withThreads(2) { try run() }
        #expect(one.0 == two.0 && one.1 == two.1 && one.2 == two.2 && one.3 == two.3 && one.4 == two.4)
    }

    @Test("sampled betweenness and path lengths follow their seed and bracket the exact values")
    func sampling() throws {
        let graph = try randomGraph()
        let exact = graph.pathLengths()
        let sampled = graph.pathLengths(sampleSize: 120, seed: 9)
        #expect(sampled == graph.pathLengths(sampleSize: 120, seed: 9))
        #expect(sampled.sources == 120 && !sampled.isExact)
        // The 95% interval should cover the exact mean; 3 half-widths keeps a false failure negligible.
        let ci = try #require(sampled.confidenceInterval)
        let halfWidth = (ci.upperBound - ci.lowerBound) / 2
        #expect(abs(sampled.averageLength - exact.averageLength) < 3 * halfWidth)
        #expect(sampled.diameter <= exact.diameter)

        let b = Betweenness(sampleSize: 300, seed: 4).scores(graph)
        #expect(b == Betweenness(sampleSize: 300, seed: 4).scores(graph))
        let full = Betweenness().scores(graph)
        // Sampling half the sources: the total (a sum over many nodes) agrees within 10%.
        #expect(isClose(b.reduce(0, +), full.reduce(0, +), relative: 0.1))
    }
}

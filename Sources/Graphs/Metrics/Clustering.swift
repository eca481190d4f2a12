import Foundation
import NumericCore

/// Local clustering and its graph-wide summaries, as networkx defines them for undirected graphs
/// (self-loops ignored; directed graphs are measured on their undirected view).
public struct ClusteringSummary: Sendable {
    /// Triangles through each node.
    public let triangles: [Int]
    /// c(v) = 2·T(v) / (d(d − 1)); 0 where d < 2.
    public let local: [Double]
    /// Weighted c(v) (Onnela et al. 2005, as networkx): Σ over ordered neighbour pairs of
    /// (ŵ_vu·ŵ_vw·ŵ_uw)^(1/3) / (d(d − 1)), weights scaled by the largest; nil when unweighted.
    public let localWeighted: [Double]?

    /// Mean of c(v) over all nodes (networkx `average_clustering`, zeros included).
    public var average: Double { local.isEmpty ? 0 : local.reduce(0, +) / Double(local.count) }
    public var averageWeighted: Double? { localWeighted.map { $0.isEmpty ? 0 : $0.reduce(0, +) / Double($0.count) } }
    /// 3 × triangles / connected triples.
    public let transitivity: Double
}

extension Graph {
    /// Triangles, local and weighted clustering, and transitivity in one pass, parallel over nodes:
    /// each node marks its neighbours and scans theirs. O(Σ d²). Each node's values are written by
    /// one worker only, so the result does not depend on the thread count.
    public func clustering() -> ClusteringSummary {
        let g = isDirected ? undirected() : self
        let n = g.nodeCount
        let weights = g.edgeWeights
        let maxWeight = weights?.max() ?? 1
        var triangles = [Int](repeating: 0, count: n)
        var simpleDegree = [Int](repeating: 0, count: n)
        var local = [Double](repeating: 0, count: n)
        var weighted = [Double](repeating: 0, count: weights == nil ? 0 : n)
        let chunks = Parallel.chunkCount(count: n, grain: 256)
        triangles.withUnsafeMutableBufferPointer { triangles in
        simpleDegree.withUnsafeMutableBufferPointer { simpleDegree in
        local.withUnsafeMutableBufferPointer { local in
        weighted.withUnsafeMutableBufferPointer { weighted in
            let out = UncheckedSendable((triangles, simpleDegree, local, weighted))
            Parallel.forEachChunk(count: chunks, grain: 1) { _, chunkRange in
                let (triangles, simpleDegree, local, weighted) = out.value
                var mark = [Int32](repeating: -1, count: n)
                var markWeight = [Double](repeating: 0, count: weights == nil ? 0 : n)
                for c in chunkRange {
                    for v in Parallel.chunkRange(c, chunks: chunks, count: n) {
                        var d = 0
                        for p in g.offsets[v]..<g.offsets[v + 1] where Int(g.targets[p]) != v {
                            let u = Int(g.targets[p])
                            mark[u] = Int32(v)
                            if let weights { markWeight[u] = weights[p] / maxWeight }
                            d += 1
                        }
                        var t = 0, wsum = 0.0
                        for p in g.offsets[v]..<g.offsets[v + 1] {
                            let u = Int(g.targets[p])
                            if u == v { continue }
                            for q in g.offsets[u]..<g.offsets[u + 1] {
                                let w = Int(g.targets[q])
                                guard w != v, w != u, mark[w] == Int32(v) else { continue }
                                t += 1
                                if let weights {
                                    wsum += (weights[p] / maxWeight * markWeight[w] * weights[q] / maxWeight).cubeRoot
                                }
                            }
                        }
                        // Each triangle at v is seen twice, once from each of its other two corners.
                        triangles[v] = t / 2
                        simpleDegree[v] = d
                        local[v] = d > 1 ? Double(t) / Double(d * (d - 1)) : 0
                        if weights != nil { weighted[v] = d > 1 ? wsum / Double(d * (d - 1)) : 0 }
                    }
                }
            }
        }
        }
        }
        }
        let closed = triangles.reduce(0, +)
        let triples = simpleDegree.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        return ClusteringSummary(triangles: triangles, local: local, localWeighted: weights == nil ? nil : weighted,
                                 transitivity: triples > 0 ? Double(closed) / Double(triples) : 0)
    }
}

extension Double {
    var cubeRoot: Double { self == 0 ? 0 : Foundation.cbrt(self) }
}


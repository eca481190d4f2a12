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
        if g.edgeWeights == nil { return g.unweightedClustering() }
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

extension Graph {
    /// Triangle counts by the degree-ordered forward algorithm (Schank & Wagner 2005; Latapy 2008):
    /// each edge is oriented from the lower to the higher (degree, id) rank, and each triangle is
    /// found once, from its lowest-ranked corner, by intersecting oriented lists with a marker.
    /// O(m^1.5) worst case, far less than Σ d² on graphs with hubs. Integer counts summed over
    /// workers' partial arrays, so the result is exact for any thread count.
    func unweightedClustering() -> ClusteringSummary {
        let n = nodeCount
        var simpleDegree = [Int](repeating: 0, count: n)
        for v in 0..<n {
            var d = 0
            for p in offsets[v]..<offsets[v + 1] where Int(targets[p]) != v { d += 1 }
            simpleDegree[v] = d
        }
        @inline(__always) func ranksBelow(_ a: Int, _ b: Int) -> Bool {
            simpleDegree[a] < simpleDegree[b] || (simpleDegree[a] == simpleDegree[b] && a < b)
        }
        // Oriented adjacency: v → u for neighbours u ranked above v.
        var forwardOffsets = [Int](repeating: 0, count: n + 1)
        for v in 0..<n {
            var k = 0
            for p in offsets[v]..<offsets[v + 1] where ranksBelow(v, Int(targets[p])) { k += 1 }
            forwardOffsets[v + 1] = forwardOffsets[v] + k
        }
        var forward = [UInt32](repeating: 0, count: forwardOffsets[n])
        for v in 0..<n {
            var q = forwardOffsets[v]
            for p in offsets[v]..<offsets[v + 1] where ranksBelow(v, Int(targets[p])) {
                forward[q] = targets[p]
                q += 1
            }
        }
        let parts = max(1, min(n, 4 * Compute.threads))
        var partial = [[Int32]](repeating: [], count: parts)
        partial.withUnsafeMutableBufferPointer { partial in
            let out = UncheckedSendable(partial)
            forwardOffsets.withUnsafeBufferPointer { fo in
            forward.withUnsafeBufferPointer { fw in
                let fo = UncheckedSendable(fo), fw = UncheckedSendable(fw)
                Parallel.forEach(count: parts) { part in
                    let fo = fo.value, fw = fw.value
                    var count = [Int32](repeating: 0, count: n)
                    var mark = [Int32](repeating: -1, count: n)
                    count.withUnsafeMutableBufferPointer { count in
                    mark.withUnsafeMutableBufferPointer { mark in
                        // Interleaved rows spread the heavy low-rank nodes across parts.
                        var u = part
                        while u < n {
                            let stamp = Int32(u)
                            for p in fo[u]..<fo[u + 1] { mark[Int(fw[p])] = stamp }
                            var t: Int32 = 0
                            for p in fo[u]..<fo[u + 1] {
                                let v = Int(fw[p])
                                var tv: Int32 = 0
                                for q in fo[v]..<fo[v + 1] where mark[Int(fw[q])] == stamp {
                                    count[Int(fw[q])] += 1
                                    tv += 1
                                }
                                count[v] += tv
                                t += tv
                            }
                            count[u] += t
                            u += parts
                        }
                    }
                    }
                    out.value[part] = count
                }
            }
            }
        }
        var triangles = [Int](repeating: 0, count: n)
        for counts in partial { for v in 0..<n { triangles[v] += Int(counts[v]) } }
        var local = [Double](repeating: 0, count: n)
        for v in 0..<n where simpleDegree[v] > 1 {
            local[v] = 2 * Double(triangles[v]) / Double(simpleDegree[v] * (simpleDegree[v] - 1))
        }
        let closed = triangles.reduce(0, +)
        let triples = simpleDegree.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        return ClusteringSummary(triangles: triangles, local: local, localWeighted: nil,
                                 transitivity: triples > 0 ? Double(closed) / Double(triples) : 0)
    }
}

extension Double {
    var cubeRoot: Double { self == 0 ? 0 : Foundation.cbrt(self) }
}


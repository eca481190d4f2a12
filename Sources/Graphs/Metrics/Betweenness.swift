import NumericCore

/// Shortest-path betweenness centrality by Brandes' algorithm (2001), unweighted (hop counts):
/// how often a person lies on the shortest routes between others — the brokers.
public struct Betweenness: Sendable, Hashable {
    /// Divide by (n − 1)(n − 2), networkx's `normalized=True`.
    public var normalized = true
    /// nil: every node is a source (exact). k: k sources drawn from stream (seed, 0, sampling), the
    /// result scaled by n/k (Brandes & Pich 2007), as networkx's `k=`.
    public var sampleSize: Int?
    public var seed: UInt64 = 0

    public init(normalized: Bool = true, sampleSize: Int? = nil, seed: UInt64 = 0) {
        self.normalized = normalized
        self.sampleSize = sampleSize
        self.seed = seed
    }

    /// One value per node. O(k·(n + m)) time; sources are processed in parallel, each block of
    /// sources into its own accumulator, and the blocks summed in order: thread-independent.
    public func scores(_ graph: Graph) -> [Double] {
        let n = graph.nodeCount
        var sources = Array(0..<n)
        if let k = sampleSize, k < n {
            var generator = Xoshiro256PlusPlus(seed: seed, replicate: 0, purpose: .sampling)
            sources = generator.sampleWithoutReplacement(k, from: n).sorted()
        }
        let blocks = min(16, max(1, sources.count / 4))
        var partial = [[Double]](repeating: [], count: blocks)
        partial.withUnsafeMutableBufferPointer { buffer in
            let out = UncheckedSendable(buffer)
            Parallel.forEach(count: blocks) { b in
                var acc = [Double](repeating: 0, count: n)
                var sigma = [Double](repeating: 0, count: n)
                var distance = [Int32](repeating: -1, count: n)
                var delta = [Double](repeating: 0, count: n)
                var order = [Int32](repeating: 0, count: n)
                for i in Parallel.chunkRange(b, chunks: blocks, count: sources.count) {
                    let s = sources[i]
                    sigma[s] = 1
                    distance[s] = 0
                    order[0] = Int32(s)
                    var head = 0, tail = 1
                    while head < tail {
                        let v = Int(order[head]); head += 1
                        let next = distance[v] + 1
                        for p in graph.offsets[v]..<graph.offsets[v + 1] {
                            let w = Int(graph.targets[p])
                            if distance[w] < 0 {
                                distance[w] = next
                                order[tail] = Int32(w); tail += 1
                            }
                            if distance[w] == next { sigma[w] += sigma[v] }
                        }
                    }
                    // Dependencies in reverse BFS order; predecessors are in-neighbours one step closer.
                    for j in stride(from: tail - 1, through: 1, by: -1) {
                        let w = Int(order[j])
                        let coefficient = (1 + delta[w]) / sigma[w]
                        for p in graph.inOffsets[w]..<graph.inOffsets[w + 1] {
                            let v = Int(graph.inSources[p])
                            if distance[v] == distance[w] - 1 { delta[v] += sigma[v] * coefficient }
                        }
                        acc[w] += delta[w]
                    }
                    for j in 0..<tail {
                        let v = Int(order[j])
                        sigma[v] = 0; distance[v] = -1; delta[v] = 0
                    }
                }
                out.value[b] = acc
            }
        }
        var total = [Double](repeating: 0, count: n)
        for block in partial { for v in 0..<n { total[v] += block[v] } }
        // networkx's rescaling: ordered pairs are counted, so undirected raw values are halved unless
        // normalised by 1/((n−1)(n−2)); sampled values are scaled by n/k.
        var scale: Double? = nil
        if normalized {
            if n > 2 { scale = 1 / (Double(n - 1) * Double(n - 2)) }
        } else if !graph.isDirected {
            scale = 0.5
        }
        if let s = scale, sources.count < n { scale = s * Double(n) / Double(sources.count) }
        if let scale { for v in 0..<n { total[v] *= scale } }
        return total
    }
}

import NumericCore

/// A directed or undirected graph in compressed sparse row form, with optional edge weights,
/// node labels and node attributes.
///
/// Neighbours of v are `neighbours(of: v)`, sorted ascending, stored as 32-bit ids: 4 bytes per
/// adjacency entry (8 more with weights) plus 8 bytes per node of offsets. An undirected edge {u, v}
/// is stored at both ends; a self-loop once. A directed graph also keeps its in-adjacency (CSR of
/// the transpose), for in-degrees, reverse searches and PageRank's pull form.
public struct Graph: Sendable {
    public let isDirected: Bool
    @usableFromInline let offsets: [Int]
    @usableFromInline let targets: [UInt32]
    @usableFromInline let edgeWeights: [Double]?
    @usableFromInline let inOffsets: [Int]
    @usableFromInline let inSources: [UInt32]
    @usableFromInline let inWeights: [Double]?
    /// Relation layers (advice, friendship, co-work): bit r of `relationMasks[p]` says arc p belongs
    /// to relation r. One arc can carry several relations; nil when the input named none.
    @usableFromInline let relationMasks: [UInt32]?
    public let relationNames: [String]
    public var nodes: NodeTable
    /// Self-loops stored (each once).
    public let selfLoopCount: Int

    /// Assembles a graph from sorted, duplicate-free CSR arrays (see `GraphBuilder`).
    init(isDirected: Bool, offsets: [Int], targets: [UInt32], weights: [Double]?, nodes: NodeTable, selfLoops: Int,
         relationMasks: [UInt32]? = nil, relationNames: [String] = []) {
        self.isDirected = isDirected
        self.offsets = offsets
        self.targets = targets
        edgeWeights = weights
        self.nodes = nodes
        selfLoopCount = selfLoops
        self.relationMasks = relationMasks
        self.relationNames = relationNames
        if isDirected {
            let n = nodes.count
            let t = CompressedRows.transpose(rows: n, columns: n, offsets: offsets, columnIndices: targets)
            inOffsets = t.offsets
            inSources = t.columnIndices
            inWeights = weights.map { w in t.source.map { w[$0] } }
        } else {
            inOffsets = offsets
            inSources = targets
            inWeights = weights
        }
    }

    @inlinable public var nodeCount: Int { offsets.count - 1 }

    /// Edges: arcs for a directed graph; for an undirected one each {u, v} once (self-loops once).
    public var edgeCount: Int { isDirected ? targets.count : (targets.count + selfLoopCount) / 2 }

    public var isWeighted: Bool { edgeWeights != nil }

    /// Out-neighbours (all neighbours when undirected), sorted.
    @inlinable
    public func neighbours(of v: Int) -> ArraySlice<UInt32> { targets[offsets[v]..<offsets[v + 1]] }

    /// In-neighbours (all neighbours when undirected), sorted.
    @inlinable
    public func inNeighbours(of v: Int) -> ArraySlice<UInt32> { inSources[inOffsets[v]..<inOffsets[v + 1]] }

    /// Weights parallel to `neighbours(of:)`; all 1 when unweighted.
    public func weights(of v: Int) -> [Double] {
        edgeWeights.map { Array($0[offsets[v]..<offsets[v + 1]]) } ?? Array(repeating: 1, count: offsets[v + 1] - offsets[v])
    }

    /// Out-degree (degree when undirected; a self-loop counts twice there, as networkx does).
    @inlinable
    public func degree(of v: Int) -> Int {
        let d = offsets[v + 1] - offsets[v]
        if !isDirected && selfLoopCount > 0 && hasEdge(v, v) { return d + 1 }
        return d
    }

    public func outDegree(of v: Int) -> Int { offsets[v + 1] - offsets[v] }
    public func inDegree(of v: Int) -> Int { inOffsets[v + 1] - inOffsets[v] }

    /// True when the arc u → v (edge {u, v} if undirected) exists. O(log degree).
    public func hasEdge(_ u: Int, _ v: Int) -> Bool { arcIndex(u, v) != nil }

    /// The weight of u → v, or nil when absent (1 when unweighted).
    public func weight(_ u: Int, _ v: Int) -> Double? {
        arcIndex(u, v).map { edgeWeights?[$0] ?? 1 }
    }

    /// Position of the arc u → v in the adjacency arrays, by binary search in u's sorted row.
    func arcIndex(_ u: Int, _ v: Int) -> Int? {
        var lo = offsets[u], hi = offsets[u + 1]
        let t = UInt32(v)
        while lo < hi {
            let mid = (lo + hi) / 2
            if targets[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo < offsets[u + 1] && targets[lo] == t ? lo : nil
    }

    /// Bytes held by the adjacency arrays (out and, for directed graphs, in; relation masks once).
    public var adjacencyBytes: Int {
        let one = offsets.count * 8 + targets.count * 4 + (edgeWeights?.count ?? 0) * 8
        return (isDirected ? 2 * one : one) + (relationMasks?.count ?? 0) * 4
    }

    /// The CSR arrays, for kernels in other modules (simulation, reports).
    public var csrOffsets: [Int] { offsets }
    public var csrTargets: [UInt32] { targets }
    public var csrWeights: [Double]? { edgeWeights }

    /// The relations arc p (an index into `csrTargets`) belongs to, as a bit mask.
    public func relationMask(arc p: Int) -> UInt32 { relationMasks?[p] ?? 0 }

    /// One relation layer as a graph of its own over the same nodes (weights kept).
    public func layer(_ name: String) -> Graph? {
        guard let r = relationNames.firstIndex(of: name), let masks = relationMasks else { return nil }
        let bit = UInt32(1) << UInt32(r)
        var newOffsets = [Int](repeating: 0, count: nodeCount + 1)
        var newTargets: [UInt32] = []
        var newWeights: [Double]? = edgeWeights.map { _ in [] }
        var loops = 0
        for u in 0..<nodeCount {
            for p in offsets[u]..<offsets[u + 1] where masks[p] & bit != 0 {
                newTargets.append(targets[p])
                newWeights?.append(edgeWeights![p])
                if targets[p] == UInt32(u) { loops += 1 }
            }
            newOffsets[u + 1] = newTargets.count
        }
        return Graph(isDirected: isDirected, offsets: newOffsets, targets: newTargets, weights: newWeights, nodes: nodes,
                     selfLoops: loops, relationMasks: Array(repeating: 1, count: newTargets.count), relationNames: [name])
    }

    /// The undirected view: arcs u → v and v → u merged into one edge (weights summed).
    public func undirected() -> Graph {
        guard isDirected else { return self }
        var builder = GraphBuilder(directed: false, duplicates: .sumWeights, selfLoops: .keep)
        builder.nodes = nodes
        builder.relationNames = relationNames
        for u in 0..<nodeCount {
            for p in offsets[u]..<offsets[u + 1] {
                builder.addEdge(u, Int(targets[p]), weight: edgeWeights?[p] ?? 1, relations: relationMasks?[p] ?? 0)
            }
        }
        // Building from valid ids cannot fail.
        return try! builder.build(weighted: isWeighted)
    }
}

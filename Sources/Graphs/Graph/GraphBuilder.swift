import NumericCore

/// What to do with an edge from a node to itself.
public enum SelfLoopPolicy: String, Sendable, CaseIterable {
    case drop, keep, reject
}

/// What to do when the same edge appears twice ({u, v} and {v, u} are the same edge when undirected).
public enum DuplicateEdgePolicy: String, Sendable, CaseIterable {
    /// Keep one edge whose weight is the sum: repeated e-mails or meetings count as tie strength.
    case sumWeights = "sum"
    /// Keep the first occurrence.
    case keepFirst = "first"
    /// Keep the last occurrence (networkx's behaviour when an edge is added twice).
    case keepLast = "last"
    /// Refuse the input.
    case reject
}

/// A problem building a graph from edges.
public enum GraphBuildError: Error, Equatable, Sendable, CustomStringConvertible {
    case selfLoop(node: String)
    case duplicateEdge(source: String, target: String)
    case tooManyNodes(Int)
    case negativeOrNonFiniteWeight(source: String, target: String, weight: Double)

    public var description: String {
        switch self {
        case let .selfLoop(node): return "self-loop at node \(node) (policy: reject; use --self-loops drop or keep)"
        case let .duplicateEdge(s, t): return "edge \(s)–\(t) appears more than once (policy: reject; use --duplicates sum, first or last)"
        case let .tooManyNodes(n): return "\(n) nodes exceed the 32-bit node id range (\(UInt32.max))"
        case let .negativeOrNonFiniteWeight(s, t, w): return "edge \(s)–\(t) has weight \(w); weights must be finite and non-negative"
        }
    }
}

/// Collects nodes and edges, then builds an immutable `Graph` under explicit policies for
/// direction, self-loops and duplicate edges.
public struct GraphBuilder: Sendable {
    public var directed: Bool
    public var duplicates: DuplicateEdgePolicy
    public var selfLoops: SelfLoopPolicy
    public var nodes = NodeTable()
    private var sources: [UInt32] = []
    private var targets: [UInt32] = []
    private var weights: [Double] = []

    public init(directed: Bool = false, duplicates: DuplicateEdgePolicy = .sumWeights, selfLoops: SelfLoopPolicy = .drop) {
        self.directed = directed
        self.duplicates = duplicates
        self.selfLoops = selfLoops
    }

    /// Adds (or finds) a node by external label; returns its id.
    @discardableResult
    public mutating func addNode(_ label: String) -> Int { nodes.intern(label) }

    /// Adds n nodes labelled "0"…"n−1" (generators).
    public mutating func addNodes(count n: Int) {
        for i in nodes.count..<(nodes.count + n) { nodes.intern(String(i)) }
    }

    /// Adds an edge between existing node ids.
    public mutating func addEdge(_ u: Int, _ v: Int, weight: Double = 1) {
        sources.append(UInt32(u))
        targets.append(UInt32(v))
        weights.append(weight)
    }

    /// Adds an edge by labels, creating nodes as needed.
    public mutating func addEdge(_ u: String, _ v: String, weight: Double = 1) {
        addEdge(addNode(u), addNode(v), weight: weight)
    }

    public var pendingEdgeCount: Int { sources.count }

    /// Builds the graph. `weighted: false` drops weights (all edges weight 1).
    public func build(weighted: Bool = true) throws -> Graph {
        let n = nodes.count
        guard n <= Int(UInt32.max) else { throw GraphBuildError.tooManyNodes(n) }
        var s: [UInt32] = [], t: [UInt32] = [], w: [Double] = []
        s.reserveCapacity(sources.count)
        t.reserveCapacity(sources.count)
        w.reserveCapacity(sources.count)
        var loops = 0
        for p in 0..<sources.count {
            var (a, b) = (sources[p], targets[p])
            let weight = weights[p]
            guard weight.isFinite, weight >= 0 else {
                throw GraphBuildError.negativeOrNonFiniteWeight(source: nodes.labels[Int(a)], target: nodes.labels[Int(b)], weight: weight)
            }
            if a == b {
                switch selfLoops {
                case .drop: continue
                case .reject: throw GraphBuildError.selfLoop(node: nodes.labels[Int(a)])
                case .keep: break
                }
            }
            if !directed && a > b { swap(&a, &b) }
            s.append(a)
            t.append(b)
            w.append(weight)
        }
        // Sort canonical edges (stable: input order kept among duplicates), then merge duplicates.
        let (offsets, order) = CompressedRows.order(rows: n, columns: n, rowIndices: s, columnIndices: t)
        var uniqueSources: [UInt32] = [], uniqueTargets: [UInt32] = [], uniqueWeights: [Double] = []
        uniqueSources.reserveCapacity(s.count)
        uniqueTargets.reserveCapacity(s.count)
        uniqueWeights.reserveCapacity(s.count)
        for u in 0..<n {
            var p = offsets[u]
            while p < offsets[u + 1] {
                let v = t[order[p]]
                var weight = w[order[p]]
                var q = p + 1
                while q < offsets[u + 1] && t[order[q]] == v {
                    switch duplicates {
                    case .sumWeights: weight += w[order[q]]
                    case .keepFirst: break
                    case .keepLast: weight = w[order[q]]
                    case .reject: throw GraphBuildError.duplicateEdge(source: nodes.labels[u], target: nodes.labels[Int(v)])
                    }
                    q += 1
                }
                uniqueSources.append(UInt32(u))
                uniqueTargets.append(v)
                uniqueWeights.append(weight)
                if UInt32(u) == v { loops += 1 }
                p = q
            }
        }
        // Undirected: store each edge at both ends (a self-loop once).
        if !directed {
            let m = uniqueSources.count
            for p in 0..<m where uniqueSources[p] != uniqueTargets[p] {
                uniqueSources.append(uniqueTargets[p])
                uniqueTargets.append(uniqueSources[p])
                uniqueWeights.append(uniqueWeights[p])
            }
        }
        let adjacency = CompressedRows.order(rows: n, columns: n, rowIndices: uniqueSources, columnIndices: uniqueTargets)
        return Graph(isDirected: directed, offsets: adjacency.offsets, targets: adjacency.order.map { uniqueTargets[$0] },
                     weights: weighted ? adjacency.order.map { uniqueWeights[$0] } : nil, nodes: nodes, selfLoops: loops)
    }
}

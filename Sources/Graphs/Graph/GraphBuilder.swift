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
    case tooManyRelations(String)

    public var description: String {
        switch self {
        case let .selfLoop(node): return "self-loop at node \(node) (policy: reject; use --self-loops drop or keep)"
        case let .duplicateEdge(s, t): return "edge \(s)–\(t) appears more than once (policy: reject; use --duplicates sum, first or last)"
        case let .tooManyNodes(n): return "\(n) nodes exceed the 32-bit node id range (\(UInt32.max))"
        case let .negativeOrNonFiniteWeight(s, t, w): return "edge \(s)–\(t) has weight \(w); weights must be finite and non-negative"
        case let .tooManyRelations(name): return "relation \"\(name)\" is one more than the 32 relation layers a graph can hold"
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
    /// Relation layer names; edge relation masks index into it (at most 32).
    public var relationNames: [String] = []
    private var sources: [UInt32] = []
    private var targets: [UInt32] = []
    /// Kept only once an edge has a weight other than 1 (halves memory for unweighted inputs).
    private var weights: [Double] = []
    private var hasWeights = false
    /// Kept only once an edge names a relation.
    private var relations: [UInt32] = []
    private var hasRelations = false

    public init(directed: Bool = false, duplicates: DuplicateEdgePolicy = .sumWeights, selfLoops: SelfLoopPolicy = .drop) {
        self.directed = directed
        self.duplicates = duplicates
        self.selfLoops = selfLoops
    }

    /// Adds (or finds) a node by external label; returns its id.
    @discardableResult
    public mutating func addNode(_ label: String) -> Int { nodes.intern(label) }

    /// Adds n nodes labelled "0"…"n−1" (generators).
    public mutating func addNodes(count n: Int) { nodes.appendIndexed(n) }

    /// Adds an edge between existing node ids; `relations` is a bit mask over `relationNames`.
    public mutating func addEdge(_ u: Int, _ v: Int, weight: Double = 1, relations: UInt32 = 0) {
        if weight != 1 && !hasWeights {
            weights = Array(repeating: 1, count: sources.count)
            hasWeights = true
        }
        if relations != 0 && !hasRelations {
            self.relations = Array(repeating: 0, count: sources.count)
            hasRelations = true
        }
        sources.append(UInt32(u))
        targets.append(UInt32(v))
        if hasWeights { weights.append(weight) }
        if hasRelations { self.relations.append(relations) }
    }

    /// Adds an edge by labels, creating nodes as needed.
    public mutating func addEdge(_ u: String, _ v: String, weight: Double = 1) {
        addEdge(addNode(u), addNode(v), weight: weight)
    }

    /// Adds an edge of a named relation layer (advice, friendship, co-work) by labels.
    public mutating func addEdge(_ u: String, _ v: String, weight: Double = 1, relation: String) throws {
        let mask = try relationBit(relation)
        addEdge(addNode(u), addNode(v), weight: weight, relations: mask)
    }

    /// The bit of a relation layer, registering the name if new.
    public mutating func relationBit(_ name: String) throws -> UInt32 {
        if let r = relationNames.firstIndex(of: name) { return UInt32(1) << UInt32(r) }
        guard relationNames.count < 32 else { throw GraphBuildError.tooManyRelations(name) }
        relationNames.append(name)
        return UInt32(1) << UInt32(relationNames.count - 1)
    }

    public var pendingEdgeCount: Int { sources.count }

    /// Builds the graph. `weighted: false` drops weights (all edges weight 1).
    public func build(weighted: Bool = true) throws -> Graph {
        let n = nodes.count
        guard n <= Int(UInt32.max) else { throw GraphBuildError.tooManyNodes(n) }
        var s: [UInt32] = [], t: [UInt32] = [], w: [Double] = [], r: [UInt32] = []
        s.reserveCapacity(sources.count)
        t.reserveCapacity(sources.count)
        if hasWeights { w.reserveCapacity(sources.count) }
        if hasRelations { r.reserveCapacity(sources.count) }
        var loops = 0
        for p in 0..<sources.count {
            var (a, b) = (sources[p], targets[p])
            let weight = hasWeights ? weights[p] : 1
            guard weight.isFinite, weight >= 0 else {
                throw GraphBuildError.negativeOrNonFiniteWeight(source: nodes.label(Int(a)), target: nodes.label(Int(b)), weight: weight)
            }
            if a == b {
                switch selfLoops {
                case .drop: continue
                case .reject: throw GraphBuildError.selfLoop(node: nodes.label(Int(a)))
                case .keep: break
                }
            }
            if !directed && a > b { swap(&a, &b) }
            s.append(a)
            t.append(b)
            if hasWeights { w.append(weight) }
            if hasRelations { r.append(relations[p]) }
        }
        // Group canonical edges by source (one counting pass), then order each row by target,
        // input order breaking ties so that first/last-wins merging sees duplicates in input order.
        var rowOffsets = [Int](repeating: 0, count: n + 1)
        for a in s { rowOffsets[Int(a) + 1] += 1 }
        for u in 0..<n { rowOffsets[u + 1] += rowOffsets[u] }
        var cursor = rowOffsets
        precondition(s.count < 1 << 32, "more than 2³² edges")
        var keys = [UInt64](repeating: 0, count: s.count)
        for p in s.indices {
            let u = Int(s[p])
            keys[cursor[u]] = UInt64(t[p]) << 32 | UInt64(p)
            cursor[u] += 1
        }
        keys.withUnsafeMutableBufferPointer { keys in
            for u in 0..<n where rowOffsets[u + 1] - rowOffsets[u] > 1 {
                var row = UnsafeMutableBufferPointer(rebasing: keys[rowOffsets[u]..<rowOffsets[u + 1]])
                row.sort()
            }
        }
        // Merge duplicates row by row: the canonical CSR (u ≤ v when undirected).
        var canonicalOffsets = [Int](repeating: 0, count: n + 1)
        var canonicalTargets: [UInt32] = [], canonicalWeights: [Double] = [], canonicalRelations: [UInt32] = []
        canonicalTargets.reserveCapacity(s.count)
        let storeWeights = hasWeights || (weighted && duplicates == .sumWeights)
        for u in 0..<n {
            var q = rowOffsets[u]
            while q < rowOffsets[u + 1] {
                let v = UInt32(truncatingIfNeeded: keys[q] >> 32)
                let first = Int(truncatingIfNeeded: keys[q] & 0xFFFF_FFFF)
                var weight = hasWeights ? w[first] : 1
                var mask = hasRelations ? r[first] : 0
                var next = q + 1
                while next < rowOffsets[u + 1] && UInt32(truncatingIfNeeded: keys[next] >> 32) == v {
                    let other = Int(truncatingIfNeeded: keys[next] & 0xFFFF_FFFF)
                    let otherWeight = hasWeights ? w[other] : 1
                    switch duplicates {
                    case .sumWeights: weight += otherWeight
                    case .keepFirst: break
                    case .keepLast: weight = otherWeight
                    case .reject: throw GraphBuildError.duplicateEdge(source: nodes.label(u), target: nodes.label(Int(v)))
                    }
                    // The same tie named under two relations belongs to both layers.
                    if hasRelations { mask |= r[other] }
                    next += 1
                }
                canonicalTargets.append(v)
                if storeWeights { canonicalWeights.append(weight) }
                if hasRelations { canonicalRelations.append(mask) }
                if UInt32(u) == v { loops += 1 }
                q = next
            }
            canonicalOffsets[u + 1] = canonicalTargets.count
        }
        let keepWeights = weighted && storeWeights
        if directed {
            // The canonical CSR is the graph.
            return Graph(isDirected: true, offsets: canonicalOffsets, targets: canonicalTargets,
                         weights: keepWeights ? canonicalWeights : nil, nodes: nodes, selfLoops: loops,
                         relationMasks: hasRelations ? canonicalRelations : nil, relationNames: hasRelations ? relationNames : [])
        }
        // Undirected: row u is its lower neighbours (w < u, from earlier rows, met in increasing
        // order) followed by its canonical row (v ≥ u, already sorted): no second sort needed.
        var lower = [Int](repeating: 0, count: n)
        for u in 0..<n {
            for q in canonicalOffsets[u]..<canonicalOffsets[u + 1] where Int(canonicalTargets[q]) != u { lower[Int(canonicalTargets[q])] += 1 }
        }
        var offsets = [Int](repeating: 0, count: n + 1)
        for u in 0..<n { offsets[u + 1] = offsets[u] + lower[u] + canonicalOffsets[u + 1] - canonicalOffsets[u] }
        let total = offsets[n]
        var targetsOut = [UInt32](repeating: 0, count: total)
        var weightsOut = [Double](repeating: 0, count: keepWeights ? total : 0)
        var relationsOut = [UInt32](repeating: 0, count: hasRelations ? total : 0)
        var lowerCursor = offsets
        for u in 0..<n {
            var upper = offsets[u] + lower[u]
            for q in canonicalOffsets[u]..<canonicalOffsets[u + 1] {
                let v = Int(canonicalTargets[q])
                targetsOut[upper] = UInt32(v)
                if keepWeights { weightsOut[upper] = canonicalWeights[q] }
                if hasRelations { relationsOut[upper] = canonicalRelations[q] }
                upper += 1
                if v != u {
                    let position = lowerCursor[v]
                    targetsOut[position] = UInt32(u)
                    if keepWeights { weightsOut[position] = canonicalWeights[q] }
                    if hasRelations { relationsOut[position] = canonicalRelations[q] }
                    lowerCursor[v] = position + 1
                }
            }
        }
        return Graph(isDirected: false, offsets: offsets, targets: targetsOut, weights: keepWeights ? weightsOut : nil,
                     nodes: nodes, selfLoops: loops, relationMasks: hasRelations ? relationsOut : nil,
                     relationNames: hasRelations ? relationNames : [])
    }
}

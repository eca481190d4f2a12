/// A partition of the nodes into components: `labels[v]` is v's component, numbered 0, 1, … in order
/// of each component's smallest node id.
public struct Components: Sendable, Equatable {
    public let labels: [Int32]
    public let sizes: [Int]

    public var count: Int { sizes.count }
    public var largestSize: Int { sizes.max() ?? 0 }
    /// The component with the most nodes (the first such when tied).
    public var largest: Int { sizes.indices.max { sizes[$0] < sizes[$1] || (sizes[$0] == sizes[$1] && $0 > $1) } ?? 0 }

    /// Nodes of component c, ascending.
    public func members(of c: Int) -> [Int] { labels.indices.filter { labels[$0] == Int32(c) } }
}

extension Graph {
    /// Connected components of an undirected graph, or weakly connected components of a directed
    /// one, by breadth-first search. O(n + m). Visits are checked in a bitset (n/8 bytes: 125 KB
    /// for a million nodes, so it stays in cache) rather than in the labels.
    public func connectedComponents() -> Components {
        if !isDirected { return unionFindComponents() }
        let n = nodeCount
        var labels = [Int32](repeating: -1, count: n)
        var visited = [UInt64](repeating: 0, count: (n + 63) / 64)
        var sizes: [Int] = []
        var queue = [Int32](repeating: 0, count: n)
        let directed = isDirected
        labels.withUnsafeMutableBufferPointer { labels in
        visited.withUnsafeMutableBufferPointer { visited in
        queue.withUnsafeMutableBufferPointer { queue in
        offsets.withUnsafeBufferPointer { offsets in
        targets.withUnsafeBufferPointer { targets in
        inOffsets.withUnsafeBufferPointer { inOffsets in
        inSources.withUnsafeBufferPointer { inSources in
            var tail = 0
            for start in 0..<n where visited[start >> 6] & (1 << UInt64(start & 63)) == 0 {
                let first = tail
                visited[start >> 6] |= 1 << UInt64(start & 63)
                queue[tail] = Int32(start); tail += 1
                var head = first
                while head < tail {
                    let v = Int(queue[head]); head += 1
                    for p in offsets[v]..<offsets[v + 1] {
                        let u = Int(targets[p])
                        let bit: UInt64 = 1 << UInt64(u & 63)
                        if visited[u >> 6] & bit == 0 {
                            visited[u >> 6] |= bit
                            queue[tail] = Int32(u); tail += 1
                        }
                    }
                    if directed {
                        for p in inOffsets[v]..<inOffsets[v + 1] {
                            let u = Int(inSources[p])
                            let bit: UInt64 = 1 << UInt64(u & 63)
                            if visited[u >> 6] & bit == 0 {
                                visited[u >> 6] |= bit
                                queue[tail] = Int32(u); tail += 1
                            }
                        }
                    }
                }
                // Label the component's members (sequential in the queue).
                let c = Int32(sizes.count)
                for i in first..<tail { labels[Int(queue[i])] = c }
                sizes.append(tail - first)
            }
        }
        }
        }
        }
        }
        }
        }
        return Components(labels: labels, sizes: sizes)
    }

    /// Components of an undirected graph by Afforest (Sutton, Ben-Nun & Barak, IPDPS 2018): link
    /// every node to its first two neighbours, find the component most nodes are already in (the
    /// giant one, from a fixed sample), then link only the nodes outside it through their other
    /// neighbours — an edge from the giant component to a node outside is linked from the outside
    /// end. On a graph that is one giant component this reads two neighbours per node instead of
    /// every edge. Links hook the larger root under the smaller, so each root is its component's
    /// smallest node, and components are numbered, like the search, in that order.
    func unionFindComponents() -> Components {
        let n = nodeCount
        var parent = (0..<n).map { Int32($0) }
        var labels = [Int32](repeating: -1, count: n)
        var sizes: [Int] = []
        parent.withUnsafeMutableBufferPointer { parent in
        labels.withUnsafeMutableBufferPointer { labels in
        offsets.withUnsafeBufferPointer { offsets in
        targets.withUnsafeBufferPointer { targets in
            /// Joins u's and v's trees, hooking the larger root under the smaller.
            @inline(__always) func link(_ u: Int, _ v: Int) {
                var a = Int(parent[u]), b = Int(parent[v])
                while a != b {
                    let high = max(a, b), low = min(a, b)
                    let up = Int(parent[high])
                    if up == low { return }
                    if up == high {
                        parent[high] = Int32(low)
                        return
                    }
                    a = Int(parent[up])
                    b = Int(parent[low])
                }
            }
            func compress() {
                for v in 0..<n {
                    while parent[v] != parent[Int(parent[v])] { parent[v] = parent[Int(parent[v])] }
                }
            }
            let rounds = 2
            for r in 0..<rounds {
                for u in 0..<n where offsets[u] + r < offsets[u + 1] { link(u, Int(targets[offsets[u] + r])) }
                compress()
            }
            // The giant component: the commonest root among 1 024 nodes spread evenly over the ids.
            var counts: [Int32: Int] = [:]
            let samples = min(n, 1024)
            for i in 0..<samples { counts[parent[i * n / max(1, samples)], default: 0] += 1 }
            let giant = counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? -1
            for u in 0..<n where parent[u] != giant && offsets[u] + rounds < offsets[u + 1] {
                for p in (offsets[u] + rounds)..<offsets[u + 1] { link(u, Int(targets[p])) }
            }
            compress()
            // Roots are the smallest members: number components in order of them.
            for v in 0..<n {
                let root = Int(parent[v])
                if root == v {
                    labels[v] = Int32(sizes.count)
                    sizes.append(0)
                }
                labels[v] = labels[root]
                sizes[Int(labels[root])] += 1
            }
        }
        }
        }
        }
        return Components(labels: labels, sizes: sizes)
    }

    /// Strongly connected components (Tarjan 1972), iterative so deep graphs cannot overflow the
    /// stack. O(n + m). For an undirected graph these are the connected components.
    public func stronglyConnectedComponents() -> Components {
        guard isDirected else { return connectedComponents() }
        let n = nodeCount
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int32] = []
        var rawLabels = [Int32](repeating: -1, count: n)
        var componentCount: Int32 = 0
        var next: Int32 = 0
        var callStack: [(v: Int, edge: Int)] = []
        for root in 0..<n where index[root] < 0 {
            callStack.append((root, offsets[root]))
            index[root] = next; low[root] = next; next += 1
            stack.append(Int32(root)); onStack[root] = true
            while let frame = callStack.last {
                let v = frame.v
                if frame.edge < offsets[v + 1] {
                    callStack[callStack.count - 1].edge += 1
                    let u = Int(targets[frame.edge])
                    if index[u] < 0 {
                        index[u] = next; low[u] = next; next += 1
                        stack.append(Int32(u)); onStack[u] = true
                        callStack.append((u, offsets[u]))
                    } else if onStack[u] {
                        low[v] = min(low[v], index[u])
                    }
                } else {
                    callStack.removeLast()
                    if let parent = callStack.last { low[parent.v] = min(low[parent.v], low[v]) }
                    if low[v] == index[v] {
                        while true {
                            let w = Int(stack.removeLast())
                            onStack[w] = false
                            rawLabels[w] = componentCount
                            if w == v { break }
                        }
                        componentCount += 1
                    }
                }
            }
        }
        // Renumber by smallest member so labels do not depend on traversal details.
        var renumber = [Int32](repeating: -1, count: Int(componentCount))
        var sizes: [Int] = []
        var labels = [Int32](repeating: 0, count: n)
        for v in 0..<n {
            let raw = Int(rawLabels[v])
            if renumber[raw] < 0 { renumber[raw] = Int32(sizes.count); sizes.append(0) }
            labels[v] = renumber[raw]
            sizes[Int(renumber[raw])] += 1
        }
        return Components(labels: labels, sizes: sizes)
    }
}

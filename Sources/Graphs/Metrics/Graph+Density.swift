extension Graph {
    /// Edges present over edges possible: m / (n(n−1)/2) undirected, m / (n(n−1)) directed
    /// (self-loops counted in m, as networkx does). 0 for fewer than two nodes.
    public var density: Double {
        let n = Double(nodeCount)
        guard n > 1 else { return 0 }
        return isDirected ? Double(edgeCount) / (n * (n - 1)) : 2 * Double(edgeCount) / (n * (n - 1))
    }

    /// Every node's degree (out-degree when directed).
    public var degrees: [Int] { (0..<nodeCount).map { degree(of: $0) } }

    /// How many nodes have each degree: `histogram[d]` nodes of degree d.
    public var degreeHistogram: [Int] {
        var histogram = [Int](repeating: 0, count: (degrees.max() ?? 0) + 1)
        for d in degrees { histogram[d] += 1 }
        return histogram
    }
}

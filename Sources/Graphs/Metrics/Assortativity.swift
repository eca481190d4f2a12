extension Graph {
    /// Degree assortativity: the Pearson correlation of the degrees at the two ends of each edge
    /// (Newman 2002), as networkx's `degree_assortativity_coefficient` — undirected edges counted in
    /// both directions; for directed graphs out-degree of the source against in-degree of the target.
    /// NaN when every node has the same degree.
    public var degreeAssortativity: Double {
        let outDegrees = degrees.map(Double.init)
        let inDegrees = isDirected ? (0..<nodeCount).map { Double(inDegree(of: $0)) } : outDegrees
        var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0, count = 0.0
        for u in 0..<nodeCount {
            let x = outDegrees[u]
            for v in neighbours(of: u) {
                let y = inDegrees[Int(v)]
                sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y; count += 1
            }
            // A self-loop adds its edge in both directions in networkx's edge view.
            if !isDirected && hasEdge(u, u) { sx += x; sy += x; sxx += x * x; syy += x * x; sxy += x * x; count += 1 }
        }
        let covariance = sxy / count - (sx / count) * (sy / count)
        let sdx = (sxx / count - (sx / count) * (sx / count)).squareRoot()
        let sdy = (syy / count - (sy / count) * (sy / count)).squareRoot()
        return covariance / (sdx * sdy)
    }

    /// Assortativity by a categorical attribute (Newman 2003): (Σᵢ eᵢᵢ − Σᵢ aᵢbᵢ) / (1 − Σᵢ aᵢbᵢ) over the
    /// mixing matrix of edge ends; 1 when ties stay within groups, negative when they cross. Edges
    /// with a missing value at either end are left out. nil when the attribute is not categorical.
    public func attributeAssortativity(_ name: String) -> Double? {
        guard case let .categorical(codes, levels)? = nodes[attribute: name] else { return nil }
        let k = levels.count
        var mixing = [Double](repeating: 0, count: k * k)
        var total = 0.0
        for u in 0..<nodeCount where codes[u] >= 0 {
            for v in neighbours(of: u) where codes[Int(v)] >= 0 {
                mixing[Int(codes[u]) * k + Int(codes[Int(v)])] += 1
                total += 1
            }
        }
        guard total > 0 else { return .nan }
        var trace = 0.0, ab = 0.0
        for i in 0..<k {
            trace += mixing[i * k + i] / total
            let a = (0..<k).reduce(0.0) { $0 + mixing[i * k + $1] } / total
            let b = (0..<k).reduce(0.0) { $0 + mixing[$1 * k + i] } / total
            ab += a * b
        }
        return (trace - ab) / (1 - ab)
    }
}

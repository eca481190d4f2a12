import NumericCore

/// Silhouette coefficient (Rousseeuw 1987): for each point, (b − a) / max(a, b) with a its mean
/// distance to its own cluster and b the smallest mean distance to another cluster; points may be
/// weighted (a base cluster standing for its members). Euclidean distances.
public enum Silhouette {
    /// The weighted mean silhouette; 0 when there are fewer than two clusters.
    public static func score(_ points: Matrix<Double>, labels: [Int], weights: [Double]? = nil) -> Double {
        let n = points.rows
        let w = weights ?? [Double](repeating: 1, count: n)
        let k = (labels.max() ?? -1) + 1
        guard k >= 2 else { return 0 }
        var total = 0.0, mass = 0.0
        var sum = [Double](repeating: 0, count: k), weight = [Double](repeating: 0, count: k)
        for i in 0..<n {
            for c in 0..<k { sum[c] = 0; weight[c] = 0 }
            for j in 0..<n where j != i {
                var d2 = 0.0
                for c in 0..<points.columns { let t = points[i, c] - points[j, c]; d2 += t * t }
                sum[labels[j]] += w[j] * d2.squareRoot()
                weight[labels[j]] += w[j]
            }
            // Own cluster: the point's own weight beyond one copy counts at distance 0.
            let ownWeight = weight[labels[i]] + (w[i] - 1)
            guard ownWeight > 0 else { continue }  // a singleton scores 0
            let a = sum[labels[i]] / ownWeight
            var b = Double.infinity
            for c in 0..<k where c != labels[i] && weight[c] > 0 { b = min(b, sum[c] / weight[c]) }
            guard b.isFinite else { continue }
            let s = max(a, b) > 0 ? (b - a) / max(a, b) : 0
            total += w[i] * s
            mass += w[i]
        }
        return mass > 0 ? total / mass : 0
    }
}

import NumericCore

/// Bisecting k-means (Steinbach, Karypis & Kumar 2000): start from one cluster and keep splitting
/// the cluster with the largest squared error in two with 2-means, until there are k. On short
/// texts plain k-means tends to pour a third of everything into one generic theme; bisecting
/// keeps cutting the largest, loosest group, so no theme swallows the rest.
public struct BisectingKMeans: Sendable {
    public var k: Int
    public var restarts: Int
    public var seed: UInt64

    public init(k: Int, restarts: Int = 3, seed: UInt64 = 0) {
        self.k = k
        self.restarts = restarts
        self.seed = seed
    }

    public func fit(_ points: Matrix<Double>) throws -> KMeans.Fit {
        let n = points.rows, d = points.columns
        guard k >= 1, k <= n else { throw KMeans.KMeansError.badK(k: k, points: n) }
        var labels = [Int](repeating: 0, count: n)
        var members: [[Int]] = [Array(0..<n)]
        var sse = [Self.squaredError(points, members[0])]
        var splits = 0
        while members.count < k {
            // The loosest cluster that can still be split.
            guard let target = members.indices.filter({ members[$0].count >= 2 }).max(by: { sse[$0] != sse[$1] ? sse[$0] < sse[$1] : $0 > $1 }) else { break }
            let rows = members[target]
            let sub = points.gatheringRows(rows)
            let fit = try KMeans(k: 2, restarts: restarts, seed: seed &+ UInt64(splits)).fit(sub)
            splits += 1
            let left = rows.indices.filter { fit.labels[$0] == 0 }.map { rows[$0] }
            let right = rows.indices.filter { fit.labels[$0] == 1 }.map { rows[$0] }
            guard !left.isEmpty, !right.isEmpty else { sse[target] = -1; continue }
            members[target] = left
            sse[target] = Self.squaredError(points, left)
            members.append(right)
            sse.append(Self.squaredError(points, right))
        }
        var centres = Matrix<Double>(rows: members.count, columns: d)
        var inertia = 0.0
        for (c, rows) in members.enumerated() {
            for r in rows { labels[r] = c; for j in 0..<d { centres[c, j] += points[r, j] } }
            for j in 0..<d { centres[c, j] /= Double(rows.count) }
            inertia += max(0, sse[c])
        }
        return KMeans.Fit(labels: labels, centres: centres, inertia: inertia, iterations: splits)
    }

    /// Σ ‖x − mean‖² over `rows`.
    static func squaredError(_ x: Matrix<Double>, _ rows: [Int]) -> Double {
        guard !rows.isEmpty else { return 0 }
        let d = x.columns
        var mean = [Double](repeating: 0, count: d)
        for r in rows { for j in 0..<d { mean[j] += x[r, j] } }
        for j in 0..<d { mean[j] /= Double(rows.count) }
        var total = 0.0
        for r in rows { for j in 0..<d { let t = x[r, j] - mean[j]; total += t * t } }
        return total
    }
}

extension BisectingKMeans: CatalogClusterer {
    public static let name = "bisecting"
    public static let summary = "bisecting k-means: split the largest theme in two until there are k"
    public static func cluster(_ points: Matrix<Double>, k: Int, seed: UInt64, refinements: Int) throws -> KMeans.Fit {
        try BisectingKMeans(k: k, seed: seed).fit(points)
    }
}

import NumericCore

/// Agglomerative clustering with Ward's criterion, for small sets (a workshop's post-its, one
/// table's comments) where a full hierarchy is affordable and k-means' random starts are not
/// needed: merge, at each step, the two clusters whose union grows the within-cluster sum of
/// squares least. Nearest-neighbour chains (Murtagh 1983) on the Lance–Williams-updated matrix of
/// squared distances give the same dendrogram as the greedy algorithm in O(n²) time; the
/// distances start from one deterministic Gram product (X·Xᵀ on the numeric core). The cut into k
/// clusters undoes the k − 1 highest merges, as scipy's `fcluster(..., 'maxclust')` does.
public struct Ward: Sendable {
    public var k: Int
    /// Largest input accepted: the distance matrix is n² doubles (4 000 → 128 MB).
    public static let maximumPoints = 4_000

    public init(k: Int) { self.k = k }

    public enum WardError: Error, Equatable, CustomStringConvertible {
        case tooLarge(points: Int)
        public var description: String {
            switch self {
            case let .tooLarge(points):
                "Ward clustering keeps all \(points)² pairwise distances; it is for up to \(Ward.maximumPoints) responses (use balanced or bisecting)"
            }
        }
    }

    /// One merge of the dendrogram: the clusters represented by `a` and `b` (their smallest member),
    /// at `height` = √(Lance–Williams distance), scipy's linkage height for Ward.
    public struct Merge: Sendable, Equatable {
        public var a: Int
        public var b: Int
        public var height: Double
        public var size: Int
    }

    /// The n − 1 merges in increasing height (ties in the order they were made).
    public func dendrogram(_ points: Matrix<Double>) throws -> [Merge] {
        let n = points.rows
        guard n <= Self.maximumPoints else { throw WardError.tooLarge(points: n) }
        guard n > 1 else { return [] }
        let gram = try points.multipliedByRowBlocks(by: points, transposingOther: true)
        var d = [Double](repeating: 0, count: n * n)
        var size = [Int](repeating: 1, count: n)
        var active = [Bool](repeating: true, count: n)
        var merges: [Merge] = []
        merges.reserveCapacity(n - 1)
        gram.withUnsafeBufferPointer { g in
            for i in 0..<n { for j in 0..<n { d[i * n + j] = max(0, g[i * n + i] + g[j * n + j] - 2 * g[i * n + j]) } }
        }
        var chain: [Int] = []
        var next = 0  // lowest index that may still be active, to start a new chain
        d.withUnsafeMutableBufferPointer { d in
            while merges.count < n - 1 {
                if chain.isEmpty {
                    while !active[next] { next += 1 }
                    chain.append(next)
                }
                let a = chain[chain.count - 1]
                // Nearest active neighbour of a; the previous chain element wins ties, so the chain ends.
                var b = chain.count >= 2 ? chain[chain.count - 2] : -1
                var best = b >= 0 ? d[a * n + b] : .infinity
                for j in 0..<n where active[j] && j != a && d[a * n + j] < best {
                    best = d[a * n + j]
                    b = j
                }
                guard chain.count >= 2, b == chain[chain.count - 2] else { chain.append(b); continue }
                chain.removeLast(2)
                let keep = min(a, b), drop = max(a, b)
                let na = Double(size[a]), nb = Double(size[b])
                for k in 0..<n where active[k] && k != a && k != b {
                    let nk = Double(size[k])
                    let value = ((na + nk) * d[k * n + a] + (nb + nk) * d[k * n + b] - nk * best) / (na + nb + nk)
                    d[k * n + keep] = value
                    d[keep * n + k] = value
                }
                active[drop] = false
                size[keep] += size[drop]
                merges.append(Merge(a: keep, b: drop, height: best.squareRoot(), size: size[keep]))
            }
        }
        // Increasing height, stable: the order a cut needs.
        return merges.enumerated().sorted { ($0.element.height, $0.offset) < ($1.element.height, $1.offset) }.map(\.element)
    }

    /// Labels 0..<k (numbered by first appearance in input order) and the clusters' centres.
    public func fit(_ points: Matrix<Double>) throws -> KMeans.Fit {
        let n = points.rows, d = points.columns
        guard k >= 1, k <= n else { throw KMeans.KMeansError.badK(k: k, points: n) }
        let merges = try dendrogram(points)
        var parent = Array(0..<n)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for m in merges.prefix(n - k) {
            let (ra, rb) = (root(m.a), root(m.b))
            parent[max(ra, rb)] = min(ra, rb)
        }
        var number: [Int: Int] = [:]
        let labels = (0..<n).map { i -> Int in
            let r = root(i)
            if let l = number[r] { return l }
            number[r] = number.count
            return number.count - 1
        }
        var centres = Centres.sums(points, labels: labels, count: k)
        var counts = [Double](repeating: 0, count: k)
        for l in labels { counts[l] += 1 }
        var inertia = 0.0
        centres.withUnsafeMutableBufferPointer { c in
            for l in 0..<k { for j in 0..<d { c[l * d + j] /= max(1, counts[l]) } }
            points.withUnsafeBufferPointer { x in
                for i in 0..<n { for j in 0..<d { let t = x[i * d + j] - c[labels[i] * d + j]; inertia += t * t } }
            }
        }
        return KMeans.Fit(labels: labels, centres: centres, inertia: inertia, iterations: n - k)
    }
}

extension Ward: CatalogClusterer {
    public static let name = "ward"
    public static let summary = "agglomerative with Ward's criterion, for small sets (up to 4000 responses)"
    public static var largestInput: Int? { maximumPoints }
    public static func cluster(_ points: Matrix<Double>, k: Int, seed: UInt64, refinements: Int) throws -> KMeans.Fit {
        try Ward(k: k).fit(points)
    }
}

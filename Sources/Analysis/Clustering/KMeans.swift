import Foundation
import NumericCore

/// k-means (Lloyd) with k-means++ seeding, optional point weights and several restarts, on the
/// BLAS core: squared distances to every centre come from one GEMM per iteration,
/// ‖x − c‖² = ‖x‖² − 2 x·c + ‖c‖², so the cost is the matrix product, not n·k scalar loops.
///
/// Configuration (this struct) is separate from the fitted result (`KMeans.Fit`), as in
/// scikit-learn. Deterministic for a seed: every draw comes from the (seed, restart, .clustering)
/// stream, and ties go to the lower centre index.
public struct KMeans: Sendable {
    public var k: Int
    public var restarts: Int
    public var maxIterations: Int
    /// Stop when no assignment changes or the inertia improves by less than this share.
    public var tolerance: Double
    public var seed: UInt64
    /// Distance products in single precision (SGEMM: half the bytes, twice the lanes). Right for
    /// unit-scale rows such as the analyser's unit embeddings; off by default because for data
    /// far from the origin ‖x‖² − 2x·c + ‖c‖² cancels away Float's digits. Norms, centre sums and
    /// the reported inertia stay in Double either way.
    public var singlePrecision = false

    public init(k: Int, restarts: Int = 4, maxIterations: Int = 100, tolerance: Double = 1e-6, seed: UInt64 = 0) {
        self.k = k
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.seed = seed
    }

    public struct Fit: Sendable {
        public var labels: [Int]
        /// k × d, row-major.
        public var centres: Matrix<Double>
        /// Σ weight · squared distance to the assigned centre.
        public var inertia: Double
        public var iterations: Int
    }

    public enum KMeansError: Error, Equatable, CustomStringConvertible {
        case badK(k: Int, points: Int)
        public var description: String {
            switch self {
            case let .badK(k, points): return "k = \(k) clusters need 1 ≤ k ≤ the \(points) points"
            }
        }
    }

    /// Clusters the rows of `points` (n × d), each weighted (default 1).
    public func fit(_ points: Matrix<Double>, weights: [Double]? = nil) throws -> Fit {
        let n = points.rows
        guard k >= 1, k <= n else { throw KMeansError.badK(k: k, points: n) }
        let w = weights ?? [Double](repeating: 1, count: n)
        if singlePrecision { return try restarts(points.converted(to: Float.self), exact: points, weights: w) }
        return try restarts(points, exact: points, weights: w)
    }

    /// The best of `restarts` runs on `x` (the points in the product precision), judged by the
    /// exact inertia on the Double points.
    func restarts<S: BLASScalar>(_ x: Matrix<S>, exact points: Matrix<Double>, weights w: [Double]) throws -> Fit {
        let norms = Self.squaredNorms(x)
        var best: Fit?
        for restart in 0..<max(1, restarts) {
            var rng = Xoshiro256PlusPlus(seed: seed, replicate: UInt64(restart), purpose: .clustering)
            var fit = try lloyd(x, norms: norms, weights: w, centres: try plusPlus(x, norms: norms, weights: w, using: &rng))
            if S.self != Double.self { fit.inertia = Self.inertia(points, labels: fit.labels, centres: fit.centres, weights: w) }
            if best == nil || fit.inertia < best!.inertia { best = fit }
        }
        return best!
    }

    /// Σ weight · ‖x − centre‖², directly (no norm expansion).
    static func inertia(_ x: Matrix<Double>, labels: [Int], centres: Matrix<Double>, weights: [Double]) -> Double {
        let d = x.columns
        var total = 0.0
        x.withUnsafeBufferPointer { p in
            centres.withUnsafeBufferPointer { c in
                for i in 0..<x.rows {
                    var s = 0.0
                    for j in 0..<d { let t = p[i * d + j] - c[labels[i] * d + j]; s += t * t }
                    total += weights[i] * s
                }
            }
        }
        return total
    }

    /// Greedy k-means++ (Arthur & Vassilvitskii 2007; the greedy variant of their §5): each next
    /// centre is the best, by the resulting potential Σ weight · D², of 2 + ⌊ln k⌋ candidates drawn
    /// with probability ∝ weight · D². Markedly better seeds than one draw, for a few more products.
    /// Per centre: one pass for the cumulative mass (each candidate is then a binary search), one
    /// product with the candidates, one pass for their potentials and one to update D².
    func plusPlus<S: BLASScalar>(_ x: Matrix<S>, norms: [Double], weights: [Double], using rng: inout Xoshiro256PlusPlus) throws -> Matrix<Double> {
        let n = x.rows, d = x.columns
        let trials = 2 + Int(log(Double(k)))
        var centres = Matrix<Double>(rows: k, columns: d)
        var distance = [Double](repeating: .infinity, count: n)
        var cumulative = [Double](repeating: 0, count: n)
        var pick = Self.weightedIndex(weights, using: &rng)
        for c in 0..<k {
            let candidates: [Int]
            if c == 0 {
                candidates = [pick]
            } else {
                var total = 0.0
                for i in 0..<n { total += weights[i] * distance[i]; cumulative[i] = total }
                candidates = (0..<trials).map { _ in
                    total > 0 ? Self.index(in: cumulative, at: rng.nextUnitDouble() * total) : rng.nextInt(below: n)
                }
            }
            let t = candidates.count
            let cross = try x.multipliedByRowBlocks(by: x.gatheringRows(candidates), transposingOther: true)
            let candidateNorms = candidates.map { norms[$0] }
            var best = 0
            cross.withUnsafeBufferPointer { p in
                if c > 0 {
                    var potential = [Double](repeating: 0, count: t)
                    for i in 0..<n {
                        for j in 0..<t {
                            let dc = Swift.max(0, norms[i] - 2 * Double(p[i * t + j]) + candidateNorms[j])
                            potential[j] += weights[i] * Swift.min(distance[i], dc)
                        }
                    }
                    for j in 1..<t where potential[j] < potential[best] { best = j }
                }
                for i in 0..<n {
                    distance[i] = Swift.min(distance[i], Swift.max(0, norms[i] - 2 * Double(p[i * t + best]) + candidateNorms[best]))
                }
            }
            pick = candidates[best]
            let row = x.row(pick)
            for j in 0..<d { centres[c, j] = Double(row[j]) }
        }
        return centres
    }

    /// The first index whose cumulative mass exceeds `u` (binary search); past the end (rounding),
    /// the last index that carries mass.
    static func index(in cumulative: [Double], at u: Double) -> Int {
        var low = 0, high = cumulative.count
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > u { high = mid } else { low = mid + 1 }
        }
        if low < cumulative.count { return low }
        var i = cumulative.count - 1
        while i > 0 && cumulative[i] == cumulative[i - 1] { i -= 1 }
        return i
    }

    static func weightedIndex(_ mass: [Double], using rng: inout Xoshiro256PlusPlus) -> Int {
        var cumulative = mass
        for i in 1..<cumulative.count { cumulative[i] += cumulative[i - 1] }
        let total = cumulative[cumulative.count - 1]
        guard total > 0 else { return rng.nextInt(below: mass.count) }
        return index(in: cumulative, at: rng.nextUnitDouble() * total)
    }

    /// The nearest centre of every row (squared Euclidean distance; ties to the lower index), in
    /// one streamed pass: for assigning a large set to centres fitted on a sample of it.
    public static func nearest<S: BLASScalar>(_ x: Matrix<S>, centres: Matrix<Double>) throws -> [Int] {
        let n = x.rows, k = centres.rows
        let norms = squaredNorms(x), cn = squaredNorms(centres)
        var labels = [Int](repeating: 0, count: n)
        try labels.withUnsafeMutableBufferPointer { lp in
            let out = UncheckedSendable(lp)
            try x.streamRowBlockProducts(by: centres.converted(to: S.self), transposingOther: true) { _, rows, cross in
                for (r, i) in rows.enumerated() {
                    var best = 0, bestD = Double.infinity
                    for c in 0..<k {
                        let dist = norms[i] - 2 * Double(cross[r * k + c]) + cn[c]
                        if dist < bestD { bestD = dist; best = c }
                    }
                    out.value[i] = best
                }
            }
        }
        return labels
    }

    /// ‖x_i‖² of every row, summed in column order on the raw buffer (no per-row array).
    static func squaredNorms<S: BLASScalar>(_ x: Matrix<S>) -> [Double] {
        let n = x.rows, d = x.columns
        var norms = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { p in
            for i in 0..<n {
                var s = 0.0
                for j in 0..<d { let v = Double(p[i * d + j]); s += v * v }
                norms[i] = s
            }
        }
        return norms
    }

    /// Squared distances of every point to every centre (n × k), from GEMMs over fixed row blocks
    /// (bit-identical at any thread count).
    static func squaredDistances(_ x: Matrix<Double>, norms: [Double], centres: Matrix<Double>) throws -> Matrix<Double> {
        var cross = try x.multipliedByRowBlocks(by: centres, transposingOther: true)
        let k = centres.rows
        let cn = squaredNorms(centres)
        cross.withUnsafeMutableBufferPointer { o in
            for i in 0..<x.rows { for c in 0..<k { o[i * k + c] = max(0, norms[i] - 2 * o[i * k + c] + cn[c]) } }
        }
        return cross
    }

    /// Nearest centre of each point (ties to the lower index) and the weighted sum of squared distances.
    static func assign(_ dist: Matrix<Double>, weights: [Double], into labels: inout [Int]) -> (changed: Bool, total: Double) {
        let k = dist.columns
        var changed = false, total = 0.0
        dist.withUnsafeBufferPointer { o in
            for i in 0..<dist.rows {
                var bestC = 0, bestD = o[i * k]
                for c in 1..<k where o[i * k + c] < bestD { bestC = c; bestD = o[i * k + c] }
                if labels[i] != bestC { changed = true; labels[i] = bestC }
                total += weights[i] * bestD
            }
        }
        return (changed, total)
    }

    /// Lloyd iterations. Each one is a single streamed pass (`streamRowBlockProducts`): a block's
    /// products with the centres, its nearest centres, and the rows that changed centre moved
    /// between their chunk's partial centre sums while still in cache (after the first passes few
    /// points move, so re-summing every row each pass was most of a pass's own work); partials
    /// reduce in chunk order (thread-count invariant). No n × k matrix and no allocation per point.
    func lloyd<S: BLASScalar>(_ x: Matrix<S>, norms: [Double], weights: [Double], centres start: Matrix<Double>) throws -> Fit {
        let n = x.rows, d = x.columns, k = self.k
        let chunks = Matrix<Double>.rowChunkCount(n)
        var centres = start
        var labels = [Int](repeating: -1, count: n)
        var nearest = [Double](repeating: 0, count: n)
        // Per-chunk partial sums, weights and member counts (members decide emptiness: a weight
        // sum may cancel to zero only up to rounding), owned for the whole fit.
        let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: chunks * k * d)
        let mass = UnsafeMutableBufferPointer<Double>.allocate(capacity: chunks * k)
        let members = UnsafeMutableBufferPointer<Int>.allocate(capacity: chunks * k)
        let totals = UnsafeMutableBufferPointer<Double>.allocate(capacity: chunks)
        let changes = UnsafeMutableBufferPointer<Bool>.allocate(capacity: chunks)
        defer { sums.deallocate(); mass.deallocate(); members.deallocate(); totals.deallocate(); changes.deallocate() }
        sums.initialize(repeating: 0); mass.initialize(repeating: 0); members.initialize(repeating: 0)
        var inertia = Double.infinity
        var iterations = 0
        /// One pass: labels, distances, and the per-chunk sums kept in step with the labels;
        /// returns (changed, Σ weight · distance).
        func pass(accumulate: Bool) throws -> (Bool, Double) {
            let cn = Self.squaredNorms(centres)
            totals.initialize(repeating: 0)
            changes.initialize(repeating: false)
            try x.withUnsafeBufferPointer { xs in
            try weights.withUnsafeBufferPointer { wp in
            try norms.withUnsafeBufferPointer { rowNorms in
            try cn.withUnsafeBufferPointer { centreNorms in
            try labels.withUnsafeMutableBufferPointer { lp in
            try nearest.withUnsafeMutableBufferPointer { np in
                let shared = UncheckedSendable((xs, wp, rowNorms, centreNorms, lp, np, sums, mass, members, totals, changes))
                try x.streamRowBlockProducts(by: centres.converted(to: S.self), transposingOther: true) { chunk, rows, cross in
                    let (xs, wp, rowNorms, centreNorms, lp, np, sums, mass, members, totals, changes) = shared.value
                    var total = 0.0, changed = false
                    let chunkSums = sums.baseAddress! + chunk * k * d
                    let chunkMass = mass.baseAddress! + chunk * k, chunkMembers = members.baseAddress! + chunk * k
                    for (r, i) in rows.enumerated() {
                        var best = 0, bestD = Double.infinity
                        let norm = rowNorms[i], products = cross.baseAddress! + r * k
                        for c in 0..<k {
                            let dist = Swift.max(0, norm - 2 * Double(products[c]) + centreNorms[c])
                            if dist < bestD { bestD = dist; best = c }
                        }
                        let w = wp[i], old = lp[i]
                        np[i] = bestD
                        total += w * bestD
                        guard old != best else { continue }
                        changed = true
                        lp[i] = best
                        guard accumulate else { continue }
                        let row = xs.baseAddress! + i * d
                        if old >= 0 {
                            chunkMass[old] -= w
                            chunkMembers[old] -= 1
                            let sum = chunkSums + old * d
                            for j in 0..<d { sum[j] -= w * Double(row[j]) }
                        }
                        chunkMass[best] += w
                        chunkMembers[best] += 1
                        let sum = chunkSums + best * d
                        for j in 0..<d { sum[j] += w * Double(row[j]) }
                    }
                    totals[chunk] = total
                    changes[chunk] = changed
                }
            }
            }
            }
            }
            }
            }
            return (changes.contains(true), totals.reduce(0, +))
        }
        for iteration in 1...max(1, maxIterations) {
            iterations = iteration
            var (changed, total) = try pass(accumulate: true)
            // New centres: weighted means (partials in chunk order); an emptied cluster takes the
            // point farthest from its centre.
            for c in 0..<k {
                var m = 0.0, count = 0
                for chunk in 0..<chunks { m += mass[chunk * k + c]; count += members[chunk * k + c] }
                if count > 0 && m > 0 {
                    for j in 0..<d {
                        var s = 0.0
                        for chunk in 0..<chunks { s += sums[(chunk * k + c) * d + j] }
                        centres[c, j] = s / m
                    }
                } else {
                    let far = (0..<n).max { nearest[$0] < nearest[$1] }!
                    nearest[far] = 0
                    for j in 0..<d { centres[c, j] = Double(x[far, j]) }
                    changed = true
                }
            }
            let improved = inertia.isFinite ? (inertia - total) / max(inertia, 1e-300) : 1
            inertia = total
            if !changed || improved < tolerance { break }
        }
        // Labels and inertia against the final centres.
        let total = try pass(accumulate: false).1
        return Fit(labels: labels, centres: centres, inertia: total, iterations: iterations)
    }
}

extension KMeans: CatalogClusterer {
    public static let name = "kmeans"
    public static let summary = "plain k-means (k-means++ starts, Lloyd iterations, three restarts)"
    public static func cluster(_ points: Matrix<Double>, k: Int, seed: UInt64, refinements: Int) throws -> KMeans.Fit {
        var kmeans = KMeans(k: k, restarts: 3, seed: seed)
        kmeans.singlePrecision = true
        return try kmeans.fit(points)
    }
}

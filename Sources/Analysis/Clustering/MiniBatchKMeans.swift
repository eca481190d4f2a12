import NumericCore

/// Mini-batch k-means (Sculley 2010, "Web-scale k-means clustering"), for inputs too large for
/// Lloyd's full passes: each step draws a batch of points, assigns them with one GEMM against the
/// centres, and moves each centre towards its batch members with a per-centre rate 1/(points it
/// has seen), so centres settle as evidence accumulates. Seeds by greedy k-means++ on a sample;
/// stops after `maxSteps` batches or when the smoothed batch inertia has not improved for
/// `patience` batches (scikit-learn's rule); ends with one full assignment pass. Seeding is tried
/// `seedings` times and the seeds with the lowest inertia on the sample kept (as scikit-learn's
/// n_init): one k-means++ draw puts two centres in one blob often enough to matter.
///
/// Deterministic for a seed: batches and seeds come from the (seed, 0, .clustering) stream, and
/// every product runs over fixed row blocks, so results do not depend on the thread count.
public struct MiniBatchKMeans: Sendable {
    public var k: Int
    public var batchSize: Int
    public var maxSteps: Int
    public var patience: Int
    public var seedings: Int
    public var seed: UInt64

    public init(k: Int, batchSize: Int = 1024, maxSteps: Int = 500, patience: Int = 10, seedings: Int = 3, seed: UInt64 = 0) {
        self.k = k
        self.seedings = seedings
        self.batchSize = batchSize
        self.maxSteps = maxSteps
        self.patience = patience
        self.seed = seed
    }

    public func fit(_ points: Matrix<Double>) throws -> KMeans.Fit {
        let n = points.rows, d = points.columns
        guard k >= 1, k <= n else { throw KMeans.KMeansError.badK(k: k, points: n) }
        var rng = Xoshiro256PlusPlus(seed: seed, replicate: 0, purpose: .clustering)
        // Seeds: greedy k-means++ on a sample of 3 batches (or everything, when smaller).
        let sampleSize = min(n, max(3 * batchSize, 3 * k))
        let sample = sampleSize == n ? Array(0..<n) : rng.sampleWithoutReplacement(sampleSize, from: n).sorted()
        let seedPoints = points.gatheringRows(sample)
        let seedNorms = KMeans.squaredNorms(seedPoints)
        let ones = [Double](repeating: 1, count: seedPoints.rows)
        var centres = Matrix<Double>(rows: k, columns: d)
        var bestSeedInertia = Double.infinity
        for attempt in 0..<max(1, seedings) {
            var seedRNG = Xoshiro256PlusPlus(seed: seed, replicate: UInt64(1 + attempt), purpose: .clustering)
            let candidate = try KMeans(k: k, seed: seed).plusPlus(seedPoints, norms: seedNorms, weights: ones, using: &seedRNG)
            var scratch = [Int](repeating: -1, count: seedPoints.rows)
            let inertia = KMeans.assign(try KMeans.squaredDistances(seedPoints, norms: seedNorms, centres: candidate), weights: ones, into: &scratch).total
            if inertia < bestSeedInertia { bestSeedInertia = inertia; centres = candidate }
        }
        var seen = [Double](repeating: 0, count: k)
        let b = min(batchSize, n)
        var smoothed = Double.infinity, best = Double.infinity, stale = 0
        var steps = 0
        var labels = [Int](repeating: -1, count: b)
        let batchWeights = [Double](repeating: 1, count: b)
        for step in 1...max(1, maxSteps) {
            steps = step
            let batch = (0..<b).map { _ in rng.nextInt(below: n) }
            let x = points.gatheringRows(batch)
            let dist = try KMeans.squaredDistances(x, norms: KMeans.squaredNorms(x), centres: centres)
            let total = KMeans.assign(dist, weights: batchWeights, into: &labels).total / Double(b)
            // Per-centre rates: each member pulls its centre by 1/(points the centre has seen).
            x.withUnsafeBufferPointer { xs in
                centres.withUnsafeMutableBufferPointer { c in
                    for i in 0..<b {
                        let l = labels[i]
                        seen[l] += 1
                        let eta = 1 / seen[l]
                        for j in 0..<d { c[l * d + j] += eta * (xs[i * d + j] - c[l * d + j]) }
                    }
                }
            }
            // Early stop on the exponentially weighted batch inertia, as scikit-learn does.
            let alpha = min(1, 2 * Double(b) / Double(n + 1))
            smoothed = smoothed.isFinite ? smoothed * (1 - alpha) + total * alpha : total
            if smoothed < best { best = smoothed; stale = 0 } else { stale += 1 }
            if stale >= patience { break }
        }
        // Centres no point ever reached take the point farthest from its centre, then one full pass.
        let norms = KMeans.squaredNorms(points)
        let weights = [Double](repeating: 1, count: n)
        var all = [Int](repeating: -1, count: n)
        var dist = try KMeans.squaredDistances(points, norms: norms, centres: centres)
        _ = KMeans.assign(dist, weights: weights, into: &all)
        for c in 0..<k where seen[c] == 0 {
            let far = (0..<n).max { dist[$0, all[$0]] < dist[$1, all[$1]] }!
            for j in 0..<d { centres[c, j] = points[far, j] }
            dist = try KMeans.squaredDistances(points, norms: norms, centres: centres)
            _ = KMeans.assign(dist, weights: weights, into: &all)
        }
        let inertia = KMeans.assign(dist, weights: weights, into: &all).total
        return KMeans.Fit(labels: all, centres: centres, inertia: inertia, iterations: steps)
    }
}

extension MiniBatchKMeans: CatalogClusterer {
    public static let name = "minibatch"
    public static let summary = "mini-batch k-means, for very large inputs"
    public static func cluster(_ points: Matrix<Double>, k: Int, seed: UInt64, refinements: Int) throws -> KMeans.Fit {
        try MiniBatchKMeans(k: k, seed: seed).fit(points)
    }
}

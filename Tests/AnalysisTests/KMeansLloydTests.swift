@testable import Analysis
import NumericCore
import Testing

/// k-means' Lloyd iterations (streamed products, norm-expanded distances, chunked sums) must give
/// exactly the assignments of plain Lloyd, which this file implements independently (direct
/// distances, one row at a time); k-means++ draws must land on the right index.
@Suite("k-means against plain Lloyd")
struct KMeansLloydTests {
    /// Six overlapping Gaussian blobs in 8-D: many rows change centre over many iterations.
    static func overlapping(rows: Int = 3000, seed: UInt64 = 5) -> Matrix<Double> {
        var rng = Xoshiro256PlusPlus(seed: seed)
        let d = 8
        let means = (0..<6).map { _ in (0..<d).map { _ in 1.5 * rng.normal() } }
        var x = Matrix<Double>(rows: rows, columns: d)
        for i in 0..<rows { for j in 0..<d { x[i, j] = means[i % 6][j] + rng.normal() } }
        return x
    }

    /// Plain Lloyd from the given centres until no row changes centre.
    static func referenceLloyd(_ x: Matrix<Double>, centres start: Matrix<Double>) -> (labels: [Int], centres: Matrix<Double>, iterations: Int) {
        let n = x.rows, d = x.columns, k = start.rows
        var centres = start, labels = [Int](repeating: -1, count: n)
        for iteration in 1...100 {
            var changed = false
            for i in 0..<n {
                var best = 0, bestD = Double.infinity
                for c in 0..<k {
                    var s = 0.0
                    for j in 0..<d { let t = x[i, j] - centres[c, j]; s += t * t }
                    if s < bestD { bestD = s; best = c }
                }
                if labels[i] != best { labels[i] = best; changed = true }
            }
            if !changed { return (labels, centres, iteration) }
            for c in 0..<k {
                let members = (0..<n).filter { labels[$0] == c }
                for j in 0..<d { centres[c, j] = members.reduce(0.0) { $0 + x[$1, j] } / Double(members.count) }
            }
        }
        return (labels, centres, 100)
    }

    @Test func streamedLloydGivesPlainLloydsAssignments() throws {
        let x = Self.overlapping()
        let start = x.gatheringRows([0, 1, 2, 3, 4, 5].map { $0 * 7 })
        let reference = Self.referenceLloyd(x, centres: start)
        #expect(reference.iterations > 5, "the data should need several iterations")
        let kmeans = KMeans(k: 6, restarts: 1, maxIterations: 100, tolerance: 0)
        let ones = [Double](repeating: 1, count: x.rows)
        let fit = try kmeans.lloyd(x, norms: KMeans.squaredNorms(x), weights: ones, centres: start)
        #expect(fit.labels == reference.labels)
        #expect(try fit.centres.maxAbsoluteDifference(reference.centres) < 1e-10)
        // The inertia is the direct sum of squared distances to the final centres.
        var direct = 0.0
        for i in 0..<x.rows { for j in 0..<x.columns { let t = x[i, j] - fit.centres[fit.labels[i], j]; direct += t * t } }
        #expect(abs(fit.inertia - direct) < 1e-9 * direct)
        // Single precision is bit-identical across thread counts.
        var single = kmeans
        single.singlePrecision = true
        let one = try Compute.withThreads(1) { try single.fit(x) }
        let two = try Compute.withThreads(2) { try single.fit(x) }
        #expect(one.labels == two.labels && one.inertia == two.inertia)
    }

    @Test func weightedDrawsFindTheFirstIndexPastTheMass() {
        let cumulative = [0.0, 1, 1, 3, 6]      // masses 0, 1, 0, 2, 3
        #expect(KMeans.index(in: cumulative, at: 0) == 1)
        #expect(KMeans.index(in: cumulative, at: 0.999) == 1)
        #expect(KMeans.index(in: cumulative, at: 1) == 3)
        #expect(KMeans.index(in: cumulative, at: 5.5) == 4)
        // Rounding can put the draw at the total: the last index with mass.
        #expect(KMeans.index(in: cumulative, at: 6) == 4)
        #expect(KMeans.index(in: [0, 2, 2], at: 2) == 1)
    }
}

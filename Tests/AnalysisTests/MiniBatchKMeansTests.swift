import Foundation
import NumericCore
import Testing
@testable import Analysis

/// Mini-batch k-means: on well-separated blobs it finds the blobs and comes within a few per cent
/// of Lloyd's inertia (Sculley 2010 reports the same order on his benchmarks); deterministic for a
/// seed and independent of the thread count.
@Suite("Mini-batch k-means")
struct MiniBatchKMeansTests {
    /// 6 Gaussian blobs of 3 000 points in 8 dimensions, centred at 6σ on their own axis (8.5σ apart).
    static func blobs() -> (Matrix<Double>, [Int]) {
        var rng = Xoshiro256PlusPlus(seed: 11)
        let k = 6, per = 3_000, d = 8
        let centres: [[Double]] = (0..<k).map { c in
            var centre = [Double](repeating: 0, count: d)
            centre[c] = 6
            return centre
        }
        var truth: [Int] = []
        var values: [Double] = []
        var noise = [Double](repeating: 0, count: d)
        for c in 0..<k {
            for _ in 0..<per {
                noise.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
                values += (0..<d).map { centres[c][$0] + noise[$0] }
                truth.append(c)
            }
        }
        return (try! Matrix(rows: k * per, columns: d, elements: values), truth)
    }

    @Test func findsTheBlobsNearLloydsInertia() throws {
        let (x, truth) = Self.blobs()
        let mini = try MiniBatchKMeans(k: 6, batchSize: 512, seed: 3).fit(x)
        let full = try KMeans(k: 6, restarts: 2, seed: 3).fit(x)
        #expect(AdjustedRandIndex.score(mini.labels, truth) > 0.99)
        #expect(mini.inertia <= 1.02 * full.inertia, "mini-batch \(mini.inertia) vs Lloyd \(full.inertia)")
        #expect(mini.iterations < 500)  // stopped early once the smoothed inertia settled
    }

    @Test func sameSeedSameResultAtAnyThreadCount() throws {
        let (x, _) = Self.blobs()
        let one = try Compute.withThreads(1) { try MiniBatchKMeans(k: 6, seed: 5).fit(x) }
        let two = try Compute.withThreads(2) { try MiniBatchKMeans(k: 6, seed: 5).fit(x) }
        #expect(one.labels == two.labels && one.centres.elements == two.centres.elements && one.inertia == two.inertia)
        let other = try MiniBatchKMeans(k: 6, seed: 6).fit(x)
        #expect(other.centres.elements != one.centres.elements)
    }

    @Test func smallInputsAndBadK() throws {
        let x = try Matrix<Double>([[0, 0], [0, 1], [10, 10], [10, 11]])
        let fit = try MiniBatchKMeans(k: 2, seed: 1).fit(x)
        #expect(fit.labels[0] == fit.labels[1] && fit.labels[2] == fit.labels[3] && fit.labels[0] != fit.labels[2])
        #expect(throws: KMeans.KMeansError.badK(k: 5, points: 4)) { try MiniBatchKMeans(k: 5).fit(x) }
    }
}

import Analysis
import Foundation
import NumericCore
import Testing

/// k-means, silhouette and the adjusted Rand index against hand-computed values and planted structure.
@Suite("Clustering building blocks")
struct ClusteringTests {
    /// Three well-separated Gaussian blobs in 2-D, 50 points each.
    static func blobs(seed: UInt64 = 1) -> (Matrix<Double>, [Int]) {
        var rng = Xoshiro256PlusPlus(seed: seed)
        let centres = [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)]
        var x = Matrix<Double>(rows: 150, columns: 2)
        var truth: [Int] = []
        for i in 0..<150 {
            let c = i / 50
            x[i, 0] = centres[c].0 + rng.normal()
            x[i, 1] = centres[c].1 + rng.normal()
            truth.append(c)
        }
        return (x, truth)
    }

    @Test func kMeansRecoversPlantedBlobsDeterministically() throws {
        let (x, truth) = Self.blobs()
        let fit = try KMeans(k: 3, seed: 4).fit(x)
        #expect(AdjustedRandIndex.score(fit.labels, truth) == 1)
        let again = try KMeans(k: 3, seed: 4).fit(x)
        #expect(again.labels == fit.labels && again.inertia == fit.inertia)
        let twoThreads = try Compute.withThreads(2) { try KMeans(k: 3, seed: 4).fit(x) }
        #expect(twoThreads.labels == fit.labels && twoThreads.inertia == fit.inertia)
        // Inertia is the sum of squared distances to the assigned centres.
        var inertia = 0.0
        for i in 0..<x.rows {
            let c = fit.labels[i]
            inertia += pow(x[i, 0] - fit.centres[c, 0], 2) + pow(x[i, 1] - fit.centres[c, 1], 2)
        }
        #expect(abs(inertia - fit.inertia) < 1e-9 * inertia)
        #expect(throws: KMeans.KMeansError.self) { try KMeans(k: 200).fit(x) }
    }

    @Test func weightsActLikeRepeatedPoints() throws {
        // Points 0 and 10 with weights 3 and 1: one centre sits at their weighted mean, 2.5.
        let x = try Matrix<Double>(rows: 2, columns: 1, elements: [0, 10])
        let fit = try KMeans(k: 1).fit(x, weights: [3, 1])
        #expect(abs(fit.centres[0, 0] - 2.5) < 1e-12)
        #expect(abs(fit.inertia - (3 * 6.25 + 56.25)) < 1e-9)
    }

    @Test func silhouetteMatchesTheHandComputedValue() throws {
        // 1-D points 0, 1, 10, 11 in two clusters: s = (b − a) / max(a, b) per point, then the mean.
        let x = try Matrix<Double>(rows: 4, columns: 1, elements: [0, 1, 10, 11])
        let expected = ((10.5 - 1) / 10.5 + (9.5 - 1) / 9.5 + (9.5 - 1) / 9.5 + (10.5 - 1) / 10.5) / 4
        #expect(abs(Silhouette.score(x, labels: [0, 0, 1, 1]) - expected) < 1e-12)
        // A weighted point counts as that many copies.
        let w = try Matrix<Double>(rows: 3, columns: 1, elements: [0, 10, 11])
        let copies = try Matrix<Double>(rows: 4, columns: 1, elements: [0, 0, 10, 11])
        #expect(abs(Silhouette.score(w, labels: [0, 1, 1], weights: [2, 1, 1]) - Silhouette.score(copies, labels: [0, 0, 1, 1])) < 1e-12)
        #expect(Silhouette.score(x, labels: [0, 0, 0, 0]) == 0)
    }

    @Test func adjustedRandIndexKnownValues() {
        #expect(AdjustedRandIndex.score([0, 0, 1, 1], [1, 1, 0, 0]) == 1)
        // scikit-learn's documented example: adjusted_rand_score([0, 0, 1, 2], [0, 0, 1, 1]) = 0.5714…
        #expect(abs(AdjustedRandIndex.score([0, 0, 1, 2], [0, 0, 1, 1]) - 4.0 / 7.0) < 1e-12)
        // And its example of an uninformative split: adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1]) = −0.5.
        #expect(abs(AdjustedRandIndex.score([0, 0, 1, 1], [0, 1, 0, 1]) + 0.5) < 1e-12)
    }

    /// Against scikit-learn 1.9.1 (normalized_mutual_info_score, mutual_info_score and
    /// homogeneity_completeness_v_measure, computed once), to 1e-12.
    @Test func mutualInformationAndHomogeneityKnownValues() {
        let truth = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2], clusters = [0, 0, 1, 1, 1, 2, 2, 2, 2, 2]
        #expect(abs(NormalizedMutualInformation.score(truth, clusters) - 0.6114971080030807) < 1e-12)
        #expect(abs(NormalizedMutualInformation.parts(truth, clusters).mutualInformation - 0.6477445130876861) < 1e-12)
        #expect(abs(NormalizedMutualInformation.homogeneity(truth: truth, clusters: clusters) - 0.5948613534336116) < 1e-12)
        // A catch-all cluster: NMI 0.283 but homogeneity only 0.200 (its low entropy flatters the NMI).
        let classes = [0, 0, 1, 1, 2, 2], lopsided = [0, 0, 0, 0, 0, 1]
        #expect(abs(NormalizedMutualInformation.score(classes, lopsided) - 0.2833925948630292) < 1e-12)
        #expect(abs(NormalizedMutualInformation.homogeneity(truth: classes, clusters: lopsided) - 0.19980856844936554) < 1e-12)
        #expect(NormalizedMutualInformation.homogeneity(truth: classes, clusters: [5, 5, 7, 7, 9, 9]) == 1)
        #expect(NormalizedMutualInformation.score([0, 1], [1, 0]) == 1)
    }
}

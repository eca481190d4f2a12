import Foundation
import NumericCore
import Testing
@testable import Analysis

/// Ward clustering against scipy 1.17.1, computed once on the points below (they use only sin and
/// cos, the same glibc functions in both languages):
///
///     X = [[sin(1.1 i) + 3 (i % 4), cos(0.7 i) + 2 ((i // 4) % 3), sin(0.3 i + 1)] for i in range(40)]
///     Z = scipy.cluster.hierarchy.linkage(X, method='ward')
///     fcluster(Z, k, criterion='maxclust'), renumbered by first appearance
@Suite("Ward agglomerative clustering")
struct WardTests {
    static let points = Matrix<Double>(rows: 40, columns: 3) { i, j in
        switch j {
        case 0: return sin(1.1 * Double(i)) + 3 * Double(i % 4)
        case 1: return cos(0.7 * Double(i)) + 2 * Double((i / 4) % 3)
        default: return sin(0.3 * Double(i) + 1)
        }
    }

    static let scipyHeights = [
        0.601301505297, 0.671987423861, 0.810193950562, 0.860403404735, 0.902962642093, 0.910531158174, 0.95392457141,
        0.984963850303, 1.095108071216, 1.262287564716, 1.3384522463, 1.38998148666, 1.404275887167, 1.446874289881,
        1.586425317983, 1.599211784842, 1.603457121877, 1.607770994893, 1.68602507676, 1.827993302646, 1.985982215955,
        2.094240914623, 2.183713528398, 2.223523965505, 2.328932120608, 2.528757623758, 2.811372471829, 3.026614489025,
        3.062042866123, 3.32423609945, 4.096022998899, 4.342658330785, 4.754787712994, 6.497571627312, 8.030076067473,
        8.445893429145, 8.849013173668, 12.109629704106, 25.905444996805,
    ]

    static let scipyLabels: [Int: [Int]] = [
        2: [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1],
        4: [0, 1, 2, 2, 0, 1, 2, 3, 0, 0, 3, 3, 0, 1, 1, 2, 0, 0, 3, 3, 0, 0, 3, 3, 0, 1, 2, 2, 0, 0, 2, 3, 0, 0, 3, 3, 0, 1, 1, 2],
        6: [0, 1, 2, 2, 0, 1, 2, 3, 4, 4, 5, 3, 0, 1, 1, 2, 4, 4, 5, 3, 4, 4, 5, 3, 0, 1, 2, 2, 4, 4, 2, 3, 4, 4, 5, 3, 0, 1, 1, 2],
    ]

    @Test func mergeHeightsMatchScipy() throws {
        let merges = try Ward(k: 1).dendrogram(Self.points)
        #expect(merges.count == 39 && merges.last?.size == 40)
        for (m, h) in zip(merges, Self.scipyHeights) { #expect(abs(m.height - h) < 1e-9, "\(m.height) vs \(h)") }
    }

    @Test(arguments: [2, 4, 6])
    func cutsMatchScipysMaxclust(k: Int) throws {
        let fit = try Ward(k: k).fit(Self.points)
        #expect(fit.labels == Self.scipyLabels[k])
        #expect(fit.centres.rows == k)
        // Centres are the members' means; inertia their within-cluster sum of squares.
        var total = 0.0
        for i in 0..<40 { for j in 0..<3 { let t = Self.points[i, j] - fit.centres[fit.labels[i], j]; total += t * t } }
        #expect(abs(total - fit.inertia) < 1e-9)
    }

    @Test func refusesLargeInputsAndBadK() {
        #expect(throws: Ward.WardError.tooLarge(points: 4_001)) { try Ward(k: 2).fit(Matrix<Double>(rows: 4_001, columns: 1)) }
        #expect(throws: KMeans.KMeansError.badK(k: 5, points: 3)) { try Ward(k: 5).fit(Matrix<Double>(rows: 3, columns: 1)) }
    }

    @Test func themeFinderOffersWard() throws {
        let topics = [["parking", "car", "spaces", "permit"], ["rota", "shifts", "weekend", "nights"], ["lunch", "canteen", "food", "menu"]]
        var rng = Xoshiro256PlusPlus(seed: 9)
        let texts = (0..<60).map { i in topics[i % 3].shuffled(using: &rng).prefix(3).joined(separator: " ") }
        var finder = ThemeFinder(k: 3, seed: 1)
        finder.method = Ward.self
        let result = try finder.analyse(texts)
        #expect(result.themes.count == 3)
        #expect(AdjustedRandIndex.score(result.assignments, (0..<60).map { $0 % 3 }) > 0.99)
    }
}

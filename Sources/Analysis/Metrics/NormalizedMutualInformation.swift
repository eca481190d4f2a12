import Foundation

/// Mutual information between two partitions, normalised by the arithmetic mean of their
/// entropies (scikit-learn's default, the same as the V-measure): 1 for identical partitions, 0 for
/// independent ones.
///
/// The arithmetic mean rewards a lopsided clustering: one catch-all cluster lowers the clusters'
/// entropy, and so the denominator, without telling the classes apart any better. Homogeneity
/// (Rosenberg & Hirschberg 2007) — the share of the classes' entropy the clusters explain, I/H(truth)
/// — does not move with the clusters' own balance, so themes of fair size are compared on what
/// they recover, not on how evenly they split.
public enum NormalizedMutualInformation {
    /// Mutual information (nats) and both entropies, from the contingency table; NMI and
    /// homogeneity both follow from them, so scoring against labels builds the table once.
    public struct Parts: Sendable, Equatable {
        public var mutualInformation: Double
        public var entropyA: Double
        public var entropyB: Double

        /// I / ((H(a) + H(b)) / 2): 1 for identical partitions (and for two single-block ones).
        public var normalized: Double {
            entropyA + entropyB > 0 ? mutualInformation / ((entropyA + entropyB) / 2) : 1
        }

        /// I / H(a): with a the truth, 1 when every block of b holds one class only.
        public var homogeneityOfA: Double { entropyA > 0 ? mutualInformation / entropyA : 1 }
    }

    /// A cell of the contingency table (two labels, no array allocated per item).
    private struct Cell: Hashable { var a: Int, b: Int }

    public static func parts(_ a: [Int], _ b: [Int]) -> Parts {
        precondition(a.count == b.count, "partitions of different sizes")
        let n = Double(a.count)
        guard n > 0 else { return Parts(mutualInformation: 0, entropyA: 0, entropyB: 0) }
        var joint: [Cell: Double] = [:], ca: [Int: Double] = [:], cb: [Int: Double] = [:]
        for i in a.indices {
            joint[Cell(a: a[i], b: b[i]), default: 0] += 1
            ca[a[i], default: 0] += 1
            cb[b[i], default: 0] += 1
        }
        var mi = 0.0
        for (cell, v) in joint { mi += v / n * log(v * n / (ca[cell.a]! * cb[cell.b]!)) }
        let ha = -ca.values.reduce(0) { $0 + $1 / n * log($1 / n) }
        let hb = -cb.values.reduce(0) { $0 + $1 / n * log($1 / n) }
        return Parts(mutualInformation: max(0, mi), entropyA: ha, entropyB: hb)
    }

    public static func score(_ a: [Int], _ b: [Int]) -> Double { parts(a, b).normalized }

    /// I(truth; clusters) / H(truth) (scikit-learn's `homogeneity_score(truth, clusters)`).
    public static func homogeneity(truth: [Int], clusters: [Int]) -> Double { parts(truth, clusters).homogeneityOfA }
}

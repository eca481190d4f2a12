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
    /// Mutual information (nats) and both entropies, from the contingency table.
    public struct Parts: Sendable, Equatable {
        public var mutualInformation: Double
        public var entropyA: Double
        public var entropyB: Double
    }

    public static func parts(_ a: [Int], _ b: [Int]) -> Parts {
        precondition(a.count == b.count, "partitions of different sizes")
        let n = Double(a.count)
        guard n > 0 else { return Parts(mutualInformation: 0, entropyA: 0, entropyB: 0) }
        var joint: [[Int]: Double] = [:], ca: [Int: Double] = [:], cb: [Int: Double] = [:]
        for i in a.indices {
            joint[[a[i], b[i]], default: 0] += 1
            ca[a[i], default: 0] += 1
            cb[b[i], default: 0] += 1
        }
        var mi = 0.0
        for (key, v) in joint { mi += v / n * log(v * n / (ca[key[0]]! * cb[key[1]]!)) }
        let ha = -ca.values.reduce(0) { $0 + $1 / n * log($1 / n) }
        let hb = -cb.values.reduce(0) { $0 + $1 / n * log($1 / n) }
        return Parts(mutualInformation: max(0, mi), entropyA: ha, entropyB: hb)
    }

    public static func score(_ a: [Int], _ b: [Int]) -> Double {
        let p = parts(a, b)
        guard p.entropyA + p.entropyB > 0 else { return 1 }
        return p.mutualInformation / ((p.entropyA + p.entropyB) / 2)
    }

    /// I(truth; clusters) / H(truth): 1 when every cluster holds one class only (scikit-learn's
    /// `homogeneity_score(truth, clusters)`).
    public static func homogeneity(truth: [Int], clusters: [Int]) -> Double {
        let p = parts(truth, clusters)
        return p.entropyA > 0 ? p.mutualInformation / p.entropyA : 1
    }
}

import Foundation

/// Mutual information between two partitions, normalised by the arithmetic mean of their
/// entropies (scikit-learn's default): 1 for identical partitions, 0 for independent ones.
public enum NormalizedMutualInformation {
    public static func score(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count, "partitions of different sizes")
        let n = Double(a.count)
        guard n > 0 else { return 1 }
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
        guard ha + hb > 0 else { return 1 }
        return max(0, mi / ((ha + hb) / 2))
    }
}

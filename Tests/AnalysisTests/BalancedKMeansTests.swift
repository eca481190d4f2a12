import Analysis
import NumericCore
import Testing

/// Balanced k-means against planted structure where plain k-means makes a catch-all cluster.
@Suite("Balanced k-means")
struct BalancedKMeansTests {
    /// Unit rows around five directions in 6-D: A1 and A2 (300 each, 0.46 apart) and B and C (100
    /// each, cosine 0.6, 0.89 apart). With k = 3, plain k-means pays less to merge A1 and A2
    /// (600 · 0.23²) than B and C (200 · 0.45²), so it makes one 600-row catch-all, over twice the
    /// fair share of 267; the balanced method must split it and merge B with C instead.
    static func catchAll(seed: UInt64 = 3) -> (Matrix<Double>, truth: [Int]) {
        let a2 = 1 / 1.25.squareRoot()
        let directions: [[Double]] = [
            [1, 0, 0, 0, 0, 0], [a2, 0.5 * a2, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 0.6, 0.8, 0, 0],
        ]
        let sizes = [300, 300, 100, 100], truth = [0, 1, 2, 2]
        var rng = Xoshiro256PlusPlus(seed: seed)
        var x = Matrix<Double>(rows: sizes.reduce(0, +), columns: 6)
        var labels: [Int] = []
        var i = 0
        for (g, size) in sizes.enumerated() {
            for _ in 0..<size {
                var row = directions[g].map { $0 + 0.04 * rng.normal() }
                let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
                row = row.map { $0 / norm }
                for j in 0..<6 { x[i, j] = row[j] }
                labels.append(truth[g])
                i += 1
            }
        }
        return (x, labels)
    }

    static func largest(_ labels: [Int]) -> Int {
        Dictionary(grouping: labels, by: { $0 }).values.map(\.count).max() ?? 0
    }

    @Test func splitsTheCatchAllThatPlainKMeansMakes() throws {
        let (x, truth) = Self.catchAll()
        let plain = try KMeans(k: 3, restarts: 3, seed: 1).fit(x)
        #expect(Self.largest(plain.labels) >= 590, "the planted catch-all should defeat plain k-means")
        let fit = try BalancedKMeans(k: 3, seed: 1).fit(x)
        let cap = Int(2.0 * Double(x.rows) / 3)
        #expect(Set(fit.labels).count == 3)
        #expect(Self.largest(fit.labels) <= cap)
        #expect(AdjustedRandIndex.score(fit.labels, truth) > 0.95)
        // Centres are the members' means.
        for c in 0..<3 {
            let members = fit.labels.indices.filter { fit.labels[$0] == c }
            let mean0 = members.reduce(0.0) { $0 + x[$1, 0] } / Double(members.count)
            #expect(abs(fit.centres[c, 0] - mean0) < 1e-12)
        }
    }

    @Test func splittingOnASampleGivesTheSamePartitionAtAnyThreadCount() throws {
        let (x, truth) = Self.catchAll()
        var sampled = BalancedKMeans(k: 3, seed: 1)
        sampled.splitSample = 128       // the 600-row catch-all is split by 2-means on 128 of its rows
        sampled.singlePrecision = true
        let fit = try sampled.fit(x)
        #expect(Self.largest(fit.labels) <= Int(2.0 * Double(x.rows) / 3))
        #expect(AdjustedRandIndex.score(fit.labels, truth) > 0.95)
        let again = try sampled.fit(x)
        let twoThreads = try Compute.withThreads(2) { try sampled.fit(x) }
        #expect(again.labels == fit.labels && twoThreads.labels == fit.labels)
        #expect(twoThreads.inertia == fit.inertia)
    }
}

import Foundation
import Testing
import TestSupport
@testable import NumericCore

/// Distribution checks. Each compares a sample statistic with its exact expectation and allows
/// 5 standard errors, so a correct sampler fails with probability below 1e-6 (and the seed is
/// fixed, so the tests are deterministic anyway).
@Suite("Samplers")
struct SamplingTests {
    var g = Xoshiro256PlusPlus(seed: 7, replicate: 0, purpose: .sampling)

    @Test("uniform doubles lie in [0, 1) with mean 1/2 and variance 1/12")
    mutating func uniform() {
        let n = 100_000
        let xs = (0..<n).map { _ in g.nextUnitDouble() }
        #expect(xs.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(Descriptive.mean(xs) - 0.5) < 5 * (1.0 / 12 / Double(n)).squareRoot())
        #expect(abs(Descriptive.variance(xs) - 1.0 / 12) < 0.002)
        let fs = (0..<1000).map { _ in g.nextUnitFloat() }
        #expect(fs.allSatisfy { $0 >= 0 && $0 < 1 })
    }

    @Test("bounded integers are uniform (chi-square, 9 degrees of freedom)")
    mutating func boundedIntegers() {
        var counts = [Int](repeating: 0, count: 10)
        let n = 100_000
        for _ in 0..<n { counts[g.nextInt(below: 10)] += 1 }
        let expected = Double(n) / 10
        let chi2 = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chi2 < 33.7, "chi-square \(chi2) above the 0.9999 quantile for 9 df")
    }

    @Test("Bernoulli, exponential and normal moments match their closed forms")
    mutating func moments() {
        let n = 100_000
        let p = 0.3
        let hits = (0..<n).filter { _ in g.bernoulli(p) }.count
        #expect(abs(Double(hits) / Double(n) - p) < 5 * (p * (1 - p) / Double(n)).squareRoot())

        let rate = 2.5
        let waits = (0..<n).map { _ in g.exponential(rate: rate) }
        #expect(abs(Descriptive.mean(waits) - 1 / rate) < 5 * (1 / rate) / Double(n).squareRoot())

        var normals = [Double](repeating: 0, count: n)
        normals.withUnsafeMutableBufferPointer { g.fillNormal($0) }
        #expect(abs(Descriptive.mean(normals)) < 5 / Double(n).squareRoot())
        // Var of the sample variance of N(0,1) is 2/(n−1).
        #expect(abs(Descriptive.variance(normals) - 1) < 5 * (2 / Double(n - 1)).squareRoot())
    }

    @Test("the ziggurat's 256 layers have equal area and close at the top")
    func zigguratTables() {
        let z = NormalZiggurat.shared
        let area = z.edge[1] * (z.height[2] - z.height[1])
        // Rectangle i ≥ 1 spans width xᵢ and heights f(xᵢ)…f(xᵢ₊₁); the last one reaches f(0) = 1.
        for i in 1..<255 { #expect(isClose(z.edge[i] * (z.height[i + 1] - z.height[i]), area, relative: 1e-9)) }
        #expect(isClose(z.edge[255] * (1 - z.height[255]), area, relative: 1e-6))
        // The base strip: the rectangle under f(r) plus the tail's area, √(π/2)·erfc(r/√2).
        let r = z.edge[1]
        let base = r * z.height[1] + (Double.pi / 2).squareRoot() * erfc(r / 2.0.squareRoot())
        #expect(isClose(base, area, relative: 1e-6))
        #expect(isClose(z.edge[0] * z.height[1], area, relative: 1e-9))
    }

    @Test("normal pairs: the standard normal CDF at ten points, tails included, and uncorrelated members")
    mutating func normalShape() {
        // Moments alone would pass a wrong shape; compare the empirical CDF with Φ (erfc) where
        // the polar method's scaling matters most: the tails and the shoulders.
        let n = 200_000
        var first: [Double] = [], second: [Double] = []
        for _ in 0..<(n / 2) {
            let (a, b) = g.normalPair()
            first.append(a)
            second.append(b)
        }
        let all = first + second
        for z in [-3.7, -3, -2, -1, -0.5, 0.5, 1, 2, 3, 3.7] {
            let phi = 0.5 * erfc(-z / 2.0.squareRoot())
            let share = Double(all.filter { $0 <= z }.count) / Double(n)
            #expect(abs(share - phi) < 5 * (phi * (1 - phi) / Double(n)).squareRoot(), "F(\(z)) = \(share), Φ = \(phi)")
        }
        // The two members of a pair are independent: correlation within 5 standard errors of 0.
        let m = Double(n / 2)
        let r = zip(first, second).reduce(0.0) { $0 + $1.0 * $1.1 } / m
        #expect(abs(r) < 5 / m.squareRoot())
    }

    @Test("geometric skips have mean (1 − p)/p and handle p = 0 and p = 1")
    mutating func geometricSkip() {
        let p = 0.05
        let skip = GeometricSkip(probability: p)
        let n = 100_000
        let xs = (0..<n).map { _ in Double(skip.nextSkip(using: &g)) }
        let mean = (1 - p) / p, sd = ((1 - p) / (p * p)).squareRoot()
        #expect(abs(Descriptive.mean(xs) - mean) < 5 * sd / Double(n).squareRoot())
        #expect(GeometricSkip(probability: 1).nextSkip(using: &g) == 0)
        #expect(GeometricSkip(probability: 0).nextSkip(using: &g) == Int.max)
    }

    @Test("sampling without replacement: distinct, in range, every element equally likely", arguments: [3, 40])
    mutating func withoutReplacement(k: Int) {
        let n = 50
        var counts = [Int](repeating: 0, count: n)
        let trials = 20_000
        for _ in 0..<trials {
            let s = g.sampleWithoutReplacement(k, from: n)
            #expect(s.count == k && Set(s).count == k && s.allSatisfy { (0..<n).contains($0) })
            for x in s { counts[x] += 1 }
        }
        let expected = Double(trials * k) / Double(n)
        let chi2 = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chi2 < 100, "chi-square \(chi2) for 49 df (0.9999 quantile ≈ 95)")
        #expect(g.sampleWithoutReplacement(0, from: 5).isEmpty)
        #expect(Set(g.sampleWithoutReplacement(5, from: 5)) == Set(0..<5))
    }

    @Test("shuffle gives all 6 permutations of 3 items equally often")
    mutating func shuffleIsUniform() {
        var counts: [[Int]: Int] = [:]
        let trials = 60_000
        for _ in 0..<trials {
            var a = [0, 1, 2]
            g.shuffle(&a)
            counts[a, default: 0] += 1
        }
        #expect(counts.count == 6)
        let expected = Double(trials) / 6
        let chi2 = counts.values.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chi2 < 25.7, "chi-square \(chi2) above the 0.9999 quantile for 5 df")
    }
}

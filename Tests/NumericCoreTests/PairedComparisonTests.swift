import Testing
@testable import NumericCore

/// References from SciPy 1.17.1 on this machine: `stats.t.ppf(0.975, df)`, and for the paired
/// sample below `ttest_rel(a, b).confidence_interval()`, `ttest_ind(a, b, equal_var=False)
/// .confidence_interval()` and `ttest_1samp(a, 0).confidence_interval()`.
@Suite("Student t and paired comparisons")
struct PairedComparisonTests {
    @Test func tQuantilesMatchSciPy() {
        let reference: [(Double, Double)] = [(1, 12.706205), (2, 4.302653), (3, 3.182446), (4, 2.776445), (5, 2.570582),
                                             (10, 2.228139), (30, 2.042272), (99, 1.984217), (199, 1.971957), (1000, 1.962339)]
        for (df, q) in reference {
            #expect(abs(StudentT.quantile(0.975, df: df) - q) < 1e-6, "df \(df)")
            #expect(abs(StudentT.quantile(0.025, df: df) + q) < 1e-6, "df \(df)")
            #expect(abs(StudentT.cdf(q, df: df) - 0.975) < 1e-6, "df \(df)")
        }
        #expect(StudentT.quantile(0.5, df: 7) == 0)
    }

    @Test func pairedWelchAndOneSampleIntervalsMatchSciPy() throws {
        let a: [Double] = [3, 5, 4, 6, 8, 7, 9, 10], b: [Double] = [2, 4, 4, 5, 6, 6, 8, 8]
        let c = try #require(PairedComparison(arm: a, base: b))
        #expect(c.pairs == 8 && c.difference == 1.125)
        #expect(abs(c.paired.low - 0.5892193183863847) < 1e-9 && abs(c.paired.high - 1.6607806816136153) < 1e-9)
        #expect(abs(c.unpaired.low - -1.3113508850298827) < 1e-9 && abs(c.unpaired.high - 3.5613508850298827) < 1e-9)
        #expect(abs(c.varianceReduction! - 0.96) < 1e-12)
        let one = PairedComparison.meanInterval(a)
        #expect(abs(one.low - 4.452175327715883) < 1e-9 && abs(one.high - 8.547824672284117) < 1e-9)
    }

    @Test func identicalArmsDifferByExactlyZero() throws {
        let a: [Double?] = [0.2, 0.5, nil, 0.9]
        let c = try #require(PairedComparison(arm: a, base: a))
        #expect(c.pairs == 3 && c.difference == 0 && c.paired == .init(low: 0, high: 0))
        #expect(c.varianceReduction == 1)
        #expect(PairedComparison(arm: [nil, 1], base: [2, nil]) == nil)
    }
}

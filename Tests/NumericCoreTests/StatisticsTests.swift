import Testing
import TestSupport
@testable import NumericCore

@Suite("Statistics")
struct StatisticsTests {
    @Test("column statistics of a small matrix match hand-computed values")
    func columns() throws {
        let m = try Matrix<Double>([[1, 10], [2, 20], [3, 60]])
        let s = ColumnStatistics(m)
        #expect(s.count == 3)
        #expect(s.mean == [2, 30])
        #expect(s.variance(ddof: 1) == [1, 700])
        #expect(allClose(s.variance(), [2.0 / 3, 1400.0 / 3], relative: 1e-15))
        #expect(s.minimum == [1, 10] && s.maximum == [3, 60])
    }

    @Test("sparse column statistics count the implicit zeros and equal the dense ones")
    func sparseColumns() throws {
        let dense = try Matrix<Float>([[0, 2, 0], [4, 0, 0], [0, 6, -1], [0, 0, 0]])
        let a = ColumnStatistics(dense), b = ColumnStatistics(SparseMatrix(dense))
        #expect(allClose(a.mean, b.mean, relative: 1e-12))
        #expect(allClose(a.variance(), b.variance(), relative: 1e-12))
        #expect(a.minimum == b.minimum && a.maximum == b.maximum)
    }

    @Test("Float input is accumulated in Double: no cancellation for a large offset")
    func largeOffset() throws {
        let m = try Matrix<Float>(rows: 4, columns: 1, elements: [10_000_001, 10_000_002, 10_000_003, 10_000_004])
        #expect(isClose(ColumnStatistics(m).variance(ddof: 1)[0], 5.0 / 3, relative: 1e-9))
    }

    @Test("quantiles follow NumPy's default (linear, type 7)")
    func quantiles() {
        // numpy.quantile([1, 2, 3, 4], [0, .25, .5, .9, 1]) = [1, 1.75, 2.5, 3.7, 4]
        let xs: [Double] = [4, 1, 3, 2]
        #expect(allClose([0, 0.25, 0.5, 0.9, 1].map { Descriptive.quantile(xs, $0) }, [1, 1.75, 2.5, 3.7, 4], relative: 1e-15))
        #expect(Descriptive.quantile([], 0.5).isNaN)
        #expect(isClose(Descriptive.standardDeviation([2, 4, 4, 4, 5, 5, 7, 9], ddof: 0), 2, relative: 1e-15))
    }
}

import Foundation
import NumericCore
import Testing
import TestSupport

/// Products that must not change with the thread count: equal bit for bit on 1 and 2 threads,
/// and equal to the plain product within rounding.
@Suite("Thread-invariant dense products")
struct DeterministicProductTests {
    static func random(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix<Double> {
        var rng = Xoshiro256PlusPlus(seed: seed)
        return Matrix(rows: rows, columns: columns) { _, _ in rng.normal() }
    }

    static func bits(_ m: Matrix<Double>) -> [UInt64] { m.withUnsafeBufferPointer { $0.map(\.bitPattern) } }

    @Test func gramIsBitIdenticalAcrossThreadsAndCorrect() throws {
        let x = Self.random(1300, 70, seed: 1)
        let one = try Compute.withThreads(1) { try x.gram() }
        let two = try Compute.withThreads(2) { try x.gram() }
        #expect(Self.bits(one) == Self.bits(two))
        let plain = try x.multiplied(by: x, transposingSelf: true)
        #expect(try one.maxAbsoluteDifference(plain) < 1e-9 * (try plain.frobeniusNorm()))
    }

    @Test func rowBlockProductIsBitIdenticalAcrossThreadsAndCorrect() throws {
        let a = Self.random(1100, 40, seed: 2), b = Self.random(7, 40, seed: 3), c = Self.random(40, 5, seed: 4)
        for (other, transposed) in [(b, true), (c, false)] {
            let one = try Compute.withThreads(1) { try a.multipliedByRowBlocks(by: other, transposingOther: transposed) }
            let two = try Compute.withThreads(2) { try a.multipliedByRowBlocks(by: other, transposingOther: transposed) }
            #expect(Self.bits(one) == Self.bits(two))
            let plain = try a.multiplied(by: other, transposingOther: transposed)
            #expect(try one.maxAbsoluteDifference(plain) < 1e-12 * (try plain.frobeniusNorm()))
        }
    }

    /// Single precision against ≤ 4 rows (k-means++ candidates, 2-means) takes one pass per pair
    /// of rows of A (`CentreProducts.fewColumns`): every width from 1 to 4, an inner size with a tail past the
    /// 8-lane body, an odd row count, equal to the Double product within Float rounding, the same
    /// on 1 and 2 threads and whatever rows are paired.
    @Test func narrowSinglePrecisionProductMatchesTheDoubleOne() throws {
        let a = Self.random(1301, 45, seed: 21)
        for t in 1...4 {
            let b = Self.random(t, 45, seed: UInt64(30 + t))
            let (af, bf) = (a.converted(to: Float.self), b.converted(to: Float.self))
            let one = try Compute.withThreads(1) { try af.multipliedByRowBlocks(by: bf, transposingOther: true) }
            let two = try Compute.withThreads(2) { try af.multipliedByRowBlocks(by: bf, transposingOther: true) }
            #expect(one.rows == 1301 && one.columns == t)
            let bits = { (m: Matrix<Float>) in m.withUnsafeBufferPointer { $0.map(\.bitPattern) } }
            #expect(bits(one) == bits(two))
            // Rows are computed two at a time and a last one alone: rows 3…7 on their own (pairs
            // starting elsewhere, a different lone row) give the same bits.
            let part = try af.gatheringRows(Array(3...7)).multipliedByRowBlocks(by: bf, transposingOther: true)
            #expect(bits(part) == Array(bits(one)[(3 * t)..<(8 * t)]))
            let exact = try a.multiplied(by: b, transposingOther: true)
            #expect(try one.converted(to: Double.self).maxAbsoluteDifference(exact) < 1e-5 * (try exact.frobeniusNorm()))
        }
    }

    /// The streamed product hands every row over once, in order within its chunk, with the same
    /// values as the plain product — on both the GEMM path (k > 4) and the GEMV path (k ≤ 4) —
    /// and the in-place product equals the allocating one.
    @Test func streamedAndInPlaceProductsAgreeWithThePlainOne() throws {
        let a = Self.random(2100, 30, seed: 5)
        for other in [Self.random(9, 30, seed: 6), Self.random(2, 30, seed: 7)] {
            let plain = try a.multiplied(by: other, transposingOther: true)
            for threads in [1, 2] {
                var streamed = Matrix<Double>(rows: a.rows, columns: other.rows)
                var seen = [Int](repeating: 0, count: a.rows)
                try streamed.withUnsafeMutableBufferPointer { out in
                    try seen.withUnsafeMutableBufferPointer { count in
                        let shared = UncheckedSendable((out, count))
                        try Compute.withThreads(threads) {
                            try a.streamRowBlockProducts(by: other, transposingOther: true) { _, rows, product in
                                let (out, count) = shared.value
                                for (r, i) in rows.enumerated() {
                                    count[i] += 1
                                    for c in 0..<other.rows { out[i * other.rows + c] = product[r * other.rows + c] }
                                }
                            }
                        }
                    }
                }
                #expect(seen.allSatisfy { $0 == 1 })
                #expect(try streamed.maxAbsoluteDifference(plain) < 1e-12 * (try plain.frobeniusNorm()))
            }
        }
        let square = Self.random(30, 30, seed: 8)
        var inPlace = a
        try inPlace.multiplyByRowBlocksInPlace(by: square)
        #expect(Self.bits(inPlace) == Self.bits(try a.multipliedByRowBlocks(by: square)))
        #expect(throws: ShapeError.self) { try inPlace.multiplyByRowBlocksInPlace(by: Self.random(30, 4, seed: 9)) }
    }

    /// Power iterations keep a sketch as it is while it is well conditioned and re-condition it
    /// (an SVQB pass) past the bound; either way the range is the input's. The orthonormal basis
    /// has orthonormal columns spanning the same range.
    @Test func conditionedBasisKeepsTheRangeAndPassesOnlyWhenNeeded() throws {
        let base = Self.random(900, 12, seed: 8)
        func projectionResidual(_ q: Matrix<Double>, _ x: Matrix<Double>) throws -> Double {
            let basis = try q.orthonormalBasis()
            let coefficients = try basis.multiplied(by: x, transposingSelf: true)
            let back = try basis.multiplied(by: coefficients)
            return try back.maxAbsoluteDifference(x) / (try x.frobeniusNorm())
        }
        // Gaussian columns: κ ≈ 1.3, kept bit for bit.
        let kept = try base.wellConditionedBasis(maxCondition: 100)
        #expect(Self.bits(kept) == Self.bits(base))
        // Columns scaled over four decades (κ ≈ 10⁴): re-conditioned, same range.
        var skewed = base
        for i in 0..<skewed.rows { for j in 0..<skewed.columns { skewed[i, j] *= pow(10, Double(j) / 3) } }
        let conditioned = try skewed.wellConditionedBasis(maxCondition: 100)
        let g = try conditioned.gram()
        let (values, _) = try g.symmetricEigen()
        #expect(values.max()! / values.min()! < 1.01, "one pass from κ ≈ 10⁴ gives orthonormal columns up to rounding")
        #expect(try projectionResidual(conditioned, skewed) < 1e-10)
        // The orthonormal basis: QᵀQ = I, same range.
        let q = try skewed.orthonormalBasis()
        #expect(try q.gram().maxAbsoluteDifference(Matrix<Double>.identity(12)) < 1e-12)
        #expect(try projectionResidual(q, skewed) < 1e-10)
    }
}

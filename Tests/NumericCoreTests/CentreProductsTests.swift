import NumericCore
import Testing

/// The single-precision product with up to 64 centres (`CentreProducts`, reached through the
/// thread-invariant row-block products): right against the Double product, and each row's
/// result independent of which rows share its block, of the block layout and of the threads.
@Suite("Centre products")
struct CentreProductsTests {
    static func random(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix<Double> {
        var rng = Xoshiro256PlusPlus(seed: seed)
        return Matrix(rows: rows, columns: columns) { _, _ in rng.normal() }
    }

    /// Widths around the 8-lane and 24-column panels, row counts around the groups of four,
    /// inner sizes from 1 up.
    @Test(arguments: [5, 8, 9, 20, 24, 25, 47, 64])
    func matchesTheDoubleProduct(columns t: Int) throws {
        for (rows, inner) in [(1, 13), (3, 1), (4, 100), (7, 33), (517, 100)] {
            let a = Self.random(rows, inner, seed: UInt64(rows * 100 + inner)), b = Self.random(t, inner, seed: UInt64(t))
            let product = try a.converted(to: Float.self).multipliedByRowBlocks(by: b.converted(to: Float.self), transposingOther: true)
            #expect(product.rows == rows && product.columns == t)
            let exact = try a.multiplied(by: b, transposingOther: true)
            // Float rounding of inputs and sums: relative to the sizes of the terms (√inner each).
            let tolerance = 1e-5 * Double(inner)
            #expect(try product.converted(to: Double.self).maxAbsoluteDifference(exact) < tolerance, "rows \(rows), inner \(inner), columns \(t)")
        }
    }

    @Test func eachRowIsTheSameWhateverItsBlockAndThreads() throws {
        let a = Self.random(1030, 100, seed: 7).converted(to: Float.self), b = Self.random(20, 100, seed: 8).converted(to: Float.self)
        let one = try Compute.withThreads(1) { try a.multipliedByRowBlocks(by: b, transposingOther: true) }
        let two = try Compute.withThreads(2) { try a.multipliedByRowBlocks(by: b, transposingOther: true) }
        let bits = { (m: Matrix<Float>) in m.withUnsafeBufferPointer { $0.map(\.bitPattern) } }
        #expect(bits(one) == bits(two))
        // Rows 2…6 on their own: a group of four starting elsewhere, then a lone row.
        let part = try a.gatheringRows(Array(2...6)).multipliedByRowBlocks(by: b, transposingOther: true)
        #expect(bits(part) == Array(bits(one)[(2 * 20)..<(7 * 20)]))
    }
}

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
}

import Testing
import TestSupport
@testable import NumericCore

@Suite("Dense matrix and BLAS")
struct MatrixTests {
    /// GEMM against the textbook triple loop for every transpose combination. Tolerance: k rounding
    /// errors of size ε each, with k = 37 here, so 64ε relative to the result's scale.
    func checkGemm<T: BLASScalar>(_: T.Type, tolerance: T) throws {
        var g = Xoshiro256PlusPlus(seed: 1, replicate: 0, purpose: .sampling)
        let (m, k, n) = (23, 37, 19)
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = Matrix<T>.gaussian(rows: ta ? k : m, columns: ta ? m : k, using: &g)
            let b = Matrix<T>.gaussian(rows: tb ? n : k, columns: tb ? k : n, using: &g)
            let c = try a.multiplied(by: b, transposingSelf: ta, transposingOther: tb)
            let reference = ReferenceLinearAlgebra.multiply(a.elements, rows: m, inner: k, b.elements, columns: n,
                                                            transposeA: ta, transposeB: tb)
            #expect(c.shape == Shape(m, n))
            #expect(maxAbsoluteError(c.elements, reference) < tolerance)
        }
    }

    @Test func gemmDouble() throws { try checkGemm(Double.self, tolerance: 1e-12) }
    @Test func gemmFloat() throws { try checkGemm(Float.self, tolerance: 2e-4) }

    @Test("gemm with α and β accumulates into C")
    func gemmAlphaBeta() throws {
        let a = try Matrix<Double>([[1, 2], [3, 4]])
        let b = try Matrix<Double>([[5, 6], [7, 8]])
        var c = try Matrix<Double>([[1, 1], [1, 1]])
        try Matrix.gemm(alpha: 2, a, b, beta: 3, into: &c)
        #expect(c == (try Matrix<Double>([[41, 47], [89, 103]])))  // 2·AB + 3
    }

    @Test("gemv and its transpose match closed forms")
    func gemv() throws {
        let a = try Matrix<Float>([[1, 2, 3], [4, 5, 6]])
        #expect(try a.multiplied(by: [1, 0, -1]) == [-2, -2])
        #expect(try a.multiplied(by: [1, 1], transposingSelf: true) == [5, 7, 9])
    }

    @Test("level-1 BLAS: axpy, dot, nrm2, scal")
    func levelOne() throws {
        var y: [Double] = [1, 1, 1]
        try BLAS.axpy(2, [1, 2, 3], &y)
        #expect(y == [3, 5, 7])
        #expect(try BLAS.dot([1, 2, 3] as [Double], [4, 5, 6]) == 32)
        #expect(try BLAS.nrm2([3, 4] as [Float]) == 5)
        // nrm2 avoids overflow where the naive √Σx² would give infinity.
        #expect(isClose(try BLAS.nrm2([1e200, 1e200] as [Double]), 1e200 * 2.0.squareRoot(), relative: 1e-15))
        var x: [Float] = [1, -2]
        try BLAS.scal(-3, &x)
        #expect(x == [-3, 6])
    }

    @Test("shape mismatches are typed errors naming both shapes")
    func shapeErrors() throws {
        let a = Matrix<Double>(rows: 3, columns: 4)
        let b = Matrix<Double>(rows: 5, columns: 2)
        #expect(throws: ShapeError.incompatible(operation: "gemm(A·B)", lhs: Shape(3, 4), rhs: Shape(5, 2))) {
            try a.multiplied(by: b)
        }
        do {
            _ = try a.multiplied(by: b)
        } catch let error as ShapeError {
            #expect(error.description.contains("3×4") && error.description.contains("5×2"))
        }
        #expect(throws: ShapeError.self) { try a.multiplied(by: [1, 2]) }
        #expect(throws: ShapeError.self) { try BLAS.dot([1.0], [1.0, 2.0]) }
        #expect(throws: ShapeError.elementCount(shape: Shape(2, 2), expected: 4, actual: 3)) {
            try Matrix<Float>(rows: 2, columns: 2, elements: [1, 2, 3])
        }
        #expect(throws: ShapeError.raggedRows(row: 1, expected: 2, actual: 1)) { try Matrix<Float>([[1, 2], [3]]) }
    }

    @Test("tiled transpose equals the definition, for shapes that are not tile multiples")
    func transpose() {
        let a = Matrix<Double>(rows: 45, columns: 70) { Double($0 * 100 + $1) }
        let t = a.transposed()
        #expect(t.shape == Shape(70, 45))
        #expect((0..<45).allSatisfy { i in (0..<70).allSatisfy { j in t[j, i] == a[i, j] } })
    }

    @Test("empty matrices multiply to correctly shaped zeros")
    func emptyOperands() throws {
        let a = Matrix<Double>(rows: 3, columns: 0)
        let b = Matrix<Double>(rows: 0, columns: 2)
        #expect(try a.multiplied(by: b) == Matrix(rows: 3, columns: 2))
    }
}

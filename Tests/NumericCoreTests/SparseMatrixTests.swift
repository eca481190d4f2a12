import Testing
import TestSupport
@testable import NumericCore

@Suite("CSR sparse matrix")
struct SparseMatrixTests {
    func randomSparse<T: BLASScalar>(_: T.Type, rows: Int, columns: Int, density: Double, seed: UInt64) -> Matrix<T> {
        var g = Xoshiro256PlusPlus(seed: seed, replicate: 0, purpose: .sampling)
        var m = Matrix<T>(rows: rows, columns: columns)
        for i in 0..<rows { for j in 0..<columns where g.nextUnitDouble() < density { m[i, j] = T(g.normal()) } }
        return m
    }

    @Test("COO triplets: unsorted input, duplicates summed, sorted unique columns per row")
    func fromTriplets() throws {
        let s = try SparseMatrix<Double>(rows: 3, columns: 4,
                                         rowIndices: [2, 0, 2, 0, 1, 2], columnIndices: [3, 1, 0, 1, 2, 3],
                                         values: [1, 2, 3, 4, 5, 6])
        #expect(s.nonzeroCount == 4)
        #expect(s.csrRowOffsets == [0, 1, 2, 4])
        #expect(s.csrColumnIndices == [1, 2, 0, 3])
        #expect(s.csrValues == [6, 5, 3, 7])
        #expect(s[2, 3] == 7 && s[1, 1] == 0)
        #expect(throws: ShapeError.entryOutOfRange(row: 0, column: 4, shape: Shape(3, 4))) {
            try SparseMatrix<Double>(rows: 3, columns: 4, rowIndices: [0], columnIndices: [4], values: [1])
        }
    }

    @Test("invalid CSR arrays are rejected with the reason")
    func validation() {
        #expect(throws: ShapeError.self) {  // columns not increasing in row 0
            try SparseMatrix<Float>(rows: 1, columns: 3, rowOffsets: [0, 2], columnIndices: [2, 1], values: [1, 1])
        }
        #expect(throws: ShapeError.self) {  // offsets length
            try SparseMatrix<Float>(rows: 2, columns: 3, rowOffsets: [0, 1], columnIndices: [0], values: [1])
        }
    }

    @Test("transpose equals the dense transpose")
    func transpose() {
        let dense = randomSparse(Double.self, rows: 37, columns: 23, density: 0.2, seed: 1)
        #expect(SparseMatrix(dense).transposed().toDense() == dense.transposed())
    }

    func checkProducts<T: BLASScalar>(_: T.Type, tolerance: T) throws {
        let dense = randomSparse(T.self, rows: 513, columns: 301, density: 0.05, seed: 2)
        let sparse = SparseMatrix(dense)
        var g = Xoshiro256PlusPlus(seed: 3, replicate: 0, purpose: .sampling)
        let x = Matrix<T>.gaussian(rows: 301, columns: 17, using: &g)
        let y = try sparse.multiplied(by: x)
        #expect(try y.maxAbsoluteDifference(dense.multiplied(by: x)) < tolerance)
        let v = x.column(0)
        #expect(maxAbsoluteError(try sparse.multiplied(by: v), try dense.multiplied(by: v)) < tolerance)
        #expect(throws: ShapeError.self) { try sparse.multiplied(by: Matrix<T>(rows: 300, columns: 2)) }
    }

    // Each output is a sum of ≈ 15 products of normals: a few ε·15 in absolute terms.
    @Test func productsDouble() throws { try checkProducts(Double.self, tolerance: 1e-12) }
    @Test func productsFloat() throws { try checkProducts(Float.self, tolerance: 1e-4) }

    @Test("SpMV and SpMM are bit-identical on 1 and 2 threads")
    func threadIndependence() throws {
        let dense = randomSparse(Double.self, rows: 4000, columns: 500, density: 0.05, seed: 4)
        let sparse = SparseMatrix(dense)
        var g = Xoshiro256PlusPlus(seed: 5, replicate: 0, purpose: .sampling)
        let x = Matrix<Double>.gaussian(rows: 500, columns: 8, using: &g)
        let one = try Compute.withThreads(1) { try sparse.multiplied(by: x) }
        let two = try Compute.withThreads(2) { try sparse.multiplied(by: x) }
        #expect(one == two)
        let v1 = try Compute.withThreads(1) { try sparse.multiplied(by: x.column(1)) }
        let v2 = try Compute.withThreads(2) { try sparse.multiplied(by: x.column(1)) }
        #expect(v1 == v2)
    }

    @Test("storage is 4 + sizeof(Scalar) bytes per entry plus row offsets")
    func storage() {
        let s = SparseMatrix(randomSparse(Float.self, rows: 100, columns: 100, density: 0.1, seed: 6))
        #expect(s.storageBytes == 101 * 8 + s.nonzeroCount * 8)
    }
}

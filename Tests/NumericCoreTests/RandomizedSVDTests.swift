import Testing
import TestSupport
@testable import NumericCore

@Suite("Randomized truncated SVD")
struct RandomizedSVDTests {
    /// An m × n matrix with singular values σᵢ = decay^i: U·diag(σ)·Vᵀ from random orthonormal factors.
    func matrixWithSpectrum<T: BLASScalar>(_: T.Type, rows: Int, columns: Int, decay: Double) throws -> (Matrix<T>, [Double]) {
        var g = Xoshiro256PlusPlus(seed: 11, replicate: 0, purpose: .sampling)
        let k = min(rows, columns)
        let u = try Matrix<Double>.gaussian(rows: rows, columns: k, using: &g).orthonormalColumns()
        let v = try Matrix<Double>.gaussian(rows: columns, columns: k, using: &g).orthonormalColumns()
        let sigma = (0..<k).map { Foundation.pow(decay, Double($0)) * 10 }
        var us = u
        for i in 0..<rows { for j in 0..<k { us[i, j] *= sigma[j] } }
        return (try us.multiplied(by: v, transposingOther: true).converted(to: T.self), sigma)
    }

    @Test("recovers the top singular values of a decaying spectrum as full LAPACK SVD does (Double)")
    func matchesFullSVDDouble() throws {
        let (a, _) = try matrixWithSpectrum(Double.self, rows: 400, columns: 150, decay: 0.85)
        let full = try a.svd()
        let r = try RandomizedSVD(rank: 10, seed: 1).decompose(a)
        // With 7 power iterations and σ₂₀/σ₁₀ ≈ 0.2, the error is ~ (0.2)^15·σ: below 1e-9 relative.
        #expect(allClose(r.singularValues, Array(full.singularValues.prefix(10)), relative: 1e-9))
        // Singular subspaces agree: |⟨uᵢ, ûᵢ⟩| ≈ 1.
        for j in 0..<10 {
            let dot = (0..<a.rows).reduce(0.0) { $0 + r.u[$1, j] * full.u[$1, j] }
            #expect(isClose(abs(dot), 1, absolute: 1e-8))
        }
        #expect(try r.u.multiplied(by: r.u, transposingSelf: true).maxAbsoluteDifference(.identity(10)) < 1e-12)
    }

    @Test("the Gram route to the small problem gives the LAPACK route's values and vectors; without right vectors Vᵀ is empty")
    func gramRouteMatchesTheSVDRoute() throws {
        let (a, _) = try matrixWithSpectrum(Double.self, rows: 400, columns: 150, decay: 0.85)
        let lapack = try RandomizedSVD(rank: 10, seed: 1).decompose(a)
        let gram = try RandomizedSVD(rank: 10, seed: 1, smallProblem: .gram).decompose(a)
        // Squaring in BBᵀ costs accuracy ~ε·σ₁²/σᵢ: σ₁₀/σ₁ ≈ 0.23 here, so 1e-10 relative is ample.
        #expect(allClose(gram.singularValues, lapack.singularValues, relative: 1e-10))
        #expect(try gram.u.maxAbsoluteDifference(lapack.u) < 1e-8)
        #expect(try gram.vt.maxAbsoluteDifference(lapack.vt) < 1e-8)
        let left = try RandomizedSVD(rank: 10, seed: 1, rightVectors: false, smallProblem: .gram).decompose(a)
        // The same computation up to U; not compared bit for bit because tests run concurrently and
        // share OpenBLAS's process-wide thread count, which may change the last bits of a GEMM.
        #expect(try left.u.maxAbsoluteDifference(gram.u) < 1e-13 && left.vt.rows == 10 && left.vt.columns == 0)
    }

    @Test("Float: top singular values within single-precision tolerance of full SVD")
    func matchesFullSVDFloat() throws {
        let (a, sigma) = try matrixWithSpectrum(Float.self, rows: 300, columns: 120, decay: 0.8)
        let r = try RandomizedSVD(rank: 8, seed: 2).decompose(a)
        // Float rounding of A (‖A‖ = 10) limits accuracy to ~1e-6·10; 1e-4 relative is ample.
        #expect(allClose(r.singularValues.map(Double.init), Array(sigma.prefix(8)), relative: 1e-4))
    }

    @Test("an exactly low-rank matrix is reconstructed to rounding error")
    func exactLowRank() throws {
        var g = Xoshiro256PlusPlus(seed: 12, replicate: 0, purpose: .sampling)
        let a = try Matrix<Double>.gaussian(rows: 200, columns: 5, using: &g)
            .multiplied(by: .gaussian(rows: 5, columns: 90, using: &g))
        let r = try RandomizedSVD(rank: 5, oversampling: 5, powerIterations: 2, seed: 3).decompose(a)
        #expect(try r.reconstructed().maxAbsoluteDifference(a) < 1e-9)
    }

    @Test("sparse input gives the dense result, and the same seed gives the same bits")
    func sparseMatchesDense() throws {
        var g = Xoshiro256PlusPlus(seed: 13, replicate: 0, purpose: .sampling)
        var dense = Matrix<Double>(rows: 300, columns: 80)
        for i in 0..<300 { for j in 0..<80 where g.nextUnitDouble() < 0.1 { dense[i, j] = g.normal() } }
        let sparse = SparseOperator(SparseMatrix(dense))
        let config = RandomizedSVD(rank: 6, seed: 99)
        let fromDense = try config.decompose(dense)
        let fromSparse = try config.decompose(sparse)
        #expect(allClose(fromDense.singularValues, fromSparse.singularValues, relative: 1e-10))
        let again = try config.decompose(sparse)
        #expect(again.singularValues == fromSparse.singularValues && again.u == fromSparse.u)
        // A random sparse matrix has a flat spectrum (σ₆/σ₁₇ ≈ 1.2), where power iterations converge
        // as (σ₁₇/σ₆)^(2q+1): q = 40 brings that below 1e-7, so 1e-6 relative is a fair check.
        let full = try dense.svd()
        let converged = try RandomizedSVD(rank: 6, powerIterations: 40, seed: 99).decompose(sparse)
        #expect(allClose(converged.singularValues, Array(full.singularValues.prefix(6)), relative: 1e-6))
    }

    @Test("a rank outside 1…min(m, n) is a typed error naming the allowed range")
    func invalidRank() {
        let a = Matrix<Double>(rows: 10, columns: 4, repeating: 1)
        #expect(throws: ShapeError.invalidDimension(name: "rank", value: 5, allowed: "1…4 for a 10×4 matrix")) {
            try RandomizedSVD(rank: 5).decompose(a)
        }
    }
}

import Foundation

import Testing
import TestSupport
@testable import NumericCore

@Suite("LAPACK decompositions")
struct DecompositionTests {
    /// A = [[3, 2, 2], [2, 3, −2]] has singular values exactly 5 and 3 (AAᵀ = [[17, 8], [8, 17]]).
    @Test("SVD of a matrix with closed-form singular values, Float and Double")
    func svdClosedForm() throws {
        let a = try Matrix<Double>([[3, 2, 2], [2, 3, -2]])
        let s = try a.svd()
        #expect(allClose(s.singularValues, [5, 3], relative: 1e-14))
        #expect(try s.reconstructed().maxAbsoluteDifference(a) < 1e-13)
        let sf = try a.converted(to: Float.self).svd()
        #expect(allClose(sf.singularValues, [5, 3], relative: 1e-6))
        #expect(allClose(try a.singularValues(), [5, 3], relative: 1e-14))
    }

    func checkSVD<T: BLASScalar>(_: T.Type, rows: Int, columns: Int, tolerance: T) throws {
        var g = Xoshiro256PlusPlus(seed: 3, replicate: 0, purpose: .sampling)
        let a = Matrix<T>.gaussian(rows: rows, columns: columns, using: &g)
        let s = try a.svd()
        let k = min(rows, columns)
        #expect(s.u.shape == Shape(rows, k) && s.vt.shape == Shape(k, columns))
        #expect(zip(s.singularValues, s.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(try s.reconstructed().maxAbsoluteDifference(a) < tolerance)
        #expect(try s.u.multiplied(by: s.u, transposingSelf: true).maxAbsoluteDifference(.identity(k)) < tolerance)
        #expect(try s.vt.multiplied(by: s.vt, transposingOther: true).maxAbsoluteDifference(.identity(k)) < tolerance)
    }

    // Tolerances: backward-stable SVD errors are a small multiple of ε·‖A‖ with ‖A‖ ≈ 2√n here.
    @Test func svdTallDouble() throws { try checkSVD(Double.self, rows: 60, columns: 17, tolerance: 1e-12) }
    @Test func svdWideDouble() throws { try checkSVD(Double.self, rows: 13, columns: 41, tolerance: 1e-12) }
    @Test func svdTallFloat() throws { try checkSVD(Float.self, rows: 60, columns: 17, tolerance: 5e-5) }
    @Test func svdWideFloat() throws { try checkSVD(Float.self, rows: 13, columns: 41, tolerance: 5e-5) }

    func checkQR<T: BLASScalar>(_: T.Type, rows: Int, columns: Int, tolerance: T) throws {
        var g = Xoshiro256PlusPlus(seed: 4, replicate: 0, purpose: .sampling)
        let a = Matrix<T>.gaussian(rows: rows, columns: columns, using: &g)
        let (q, r) = try a.qr()
        let k = min(rows, columns)
        #expect(q.shape == Shape(rows, k) && r.shape == Shape(k, columns))
        #expect(try q.multiplied(by: r).maxAbsoluteDifference(a) < tolerance)
        #expect(try q.multiplied(by: q, transposingSelf: true).maxAbsoluteDifference(.identity(k)) < tolerance)
        #expect((0..<k).allSatisfy { i in (0..<min(i, columns)).allSatisfy { r[i, $0] == 0 } })

        // Independent route: geqrf + orgqr on an explicit column-major copy. R agrees up to row signs.
        let reference = try columnMajorQR(a)
        for i in 0..<k {
            let sign: T = (r[i, i] * reference.r[i, i]) < 0 ? -1 : 1
            for j in 0..<columns { #expect(abs(r[i, j] - sign * reference.r[i, j]) < tolerance) }
        }
    }

    @Test func qrTallDouble() throws { try checkQR(Double.self, rows: 80, columns: 12, tolerance: 1e-12) }
    @Test func qrWideDouble() throws { try checkQR(Double.self, rows: 9, columns: 20, tolerance: 1e-12) }
    @Test func qrTallFloat() throws { try checkQR(Float.self, rows: 80, columns: 12, tolerance: 5e-5) }

    /// QR via LAPACK geqrf/orgqr in its native column-major layout.
    func columnMajorQR<T: BLASScalar>(_ a: Matrix<T>) throws -> (q: Matrix<T>, r: Matrix<T>) {
        let (m, n) = (a.rows, a.columns)
        let k = min(m, n)
        var cm = a.transposed().elements  // column-major A
        var tau = [T](repeating: 0, count: k)
        let m32 = Int32(m), n32 = Int32(n), k32 = Int32(k)
        var work = [T](repeating: 0, count: 64 * max(m, n))
        let lwork = Int32(work.count)
        var info = T._geqrf(m: m32, n: n32, a: &cm, lda: m32, tau: &tau, work: &work, lwork: lwork)
        try checkLAPACK("geqrf", info)
        var r = Matrix<T>(rows: k, columns: n)
        for i in 0..<k { for j in i..<n { r[i, j] = cm[i + j * m] } }
        info = T._orgqr(m: m32, n: k32, k: k32, a: &cm, lda: m32, tau: tau, work: &work, lwork: lwork)
        try checkLAPACK("orgqr", info)
        let q = Matrix<T>(rows: m, columns: k) { cm[$0 + $1 * m] }
        return (q, r)
    }

    @Test("symmetric eigen: closed form [[2,1],[1,2]] → 1, 3 and a random reconstruction")
    func symmetricEigen() throws {
        let (values, vectors) = try Matrix<Double>([[2, 1], [1, 2]]).symmetricEigen()
        #expect(allClose(values, [1, 3], relative: 1e-15))
        #expect(isClose(abs(vectors[0, 1]), 0.5.squareRoot(), relative: 1e-14))
        #expect(isClose(vectors[0, 1], vectors[1, 1], relative: 1e-14))  // eigenvector of 3 is (1, 1)/√2

        var g = Xoshiro256PlusPlus(seed: 5, replicate: 0, purpose: .sampling)
        let x = Matrix<Float>.gaussian(rows: 30, columns: 30, using: &g)
        let s = try x.multiplied(by: x, transposingOther: true)  // symmetric PSD
        let (w, v) = try s.symmetricEigen()
        var vw = v
        for i in 0..<30 { for j in 0..<30 { vw[i, j] *= w[j] } }
        let rebuilt = try vw.multiplied(by: v, transposingOther: true)
        // ‖S‖ ≈ 120 here; Float eigensolvers are accurate to a few ε·‖S‖.
        #expect(try rebuilt.maxAbsoluteDifference(s) < 2e-3)
        #expect(w.allSatisfy { $0 > -1e-3 })
    }

    @Test("solve: a known system, and a singular matrix is a typed LAPACK error")
    func solve() throws {
        let a = try Matrix<Double>([[2, 1], [1, 3]])
        let x = try a.solve(try Matrix([[3, 5], [5, 10]]))
        #expect(try x.maxAbsoluteDifference(try Matrix([[0.8, 1], [1.4, 3]])) < 1e-14)
        #expect(throws: LAPACKError(routine: "dgesv", info: 2)) {
            try Matrix<Double>([[1, 2], [2, 4]]).solve(try Matrix([[1], [2]]))
        }
        #expect(LAPACKError(routine: "dgesv", info: 2).description.contains("singular"))
    }
}

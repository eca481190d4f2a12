/// Quick known-answer checks that the loaded BLAS/LAPACK and the random generator behave, for
/// `skein doctor` and the start of benchmark runs: a wrong BLAS build or an ABI mismatch shows here
/// as a named failure rather than as quietly wrong results later.
public enum SelfCheck {
    public struct Result: Sendable, Codable, Equatable {
        public let name: String
        public let passed: Bool
        public let detail: String
    }

    /// Runs every check (a few milliseconds).
    public static func run() -> [Result] {
        [randomGenerator(), gemm(Double.self), gemm(Float.self), svd(Double.self), svd(Float.self),
         symmetricEigen(), sparseProduct()]
    }

    static func randomGenerator() -> Result {
        var g = Xoshiro256PlusPlus(state: (0, 0, 0, 1))
        let got = (0..<3).map { _ in g.next() }
        let ok = got == [0x80_0000, 0x80_0011, 0x0002_2000_0080_0011]
        return Result(name: "xoshiro256++ known answers", passed: ok, detail: ok ? "reference sequence reproduced" : "got \(got)")
    }

    static func gemm<T: BLASScalar>(_: T.Type) -> Result {
        let name = "\(T.lapackPrefix)gemm against a hand-computed product"
        do {
            let a = try Matrix<T>([[1, 2, 3], [4, 5, 6]])
            let b = try Matrix<T>([[7, 8], [9, 10], [11, 12]])
            let c = try a.multiplied(by: b)
            let ok = c == (try Matrix<T>([[58, 64], [139, 154]]))
            return Result(name: name, passed: ok, detail: ok ? "exact" : "got \(c.elements)")
        } catch {
            return Result(name: name, passed: false, detail: "\(error)")
        }
    }

    static func svd<T: BLASScalar>(_: T.Type) -> Result {
        let name = "\(T.lapackPrefix)gesdd singular values of [[3,2,2],[2,3,-2]] = (5, 3)"
        do {
            let s = try Matrix<T>([[3, 2, 2], [2, 3, -2]]).svd().singularValues
            let tolerance = T(64) * T.ulpOfOne * 5
            let ok = s.count == 2 && Swift.abs(s[0] - 5) <= tolerance && Swift.abs(s[1] - 3) <= tolerance
            return Result(name: name, passed: ok, detail: "got \(s)")
        } catch {
            return Result(name: name, passed: false, detail: "\(error)")
        }
    }

    static func symmetricEigen() -> Result {
        let name = "dsyevd eigenvalues of [[2,1],[1,2]] = (1, 3)"
        do {
            let w = try Matrix<Double>([[2, 1], [1, 2]]).symmetricEigen().values
            let ok = Swift.abs(w[0] - 1) < 1e-14 && Swift.abs(w[1] - 3) < 1e-14
            return Result(name: name, passed: ok, detail: "got \(w)")
        } catch {
            return Result(name: name, passed: false, detail: "\(error)")
        }
    }

    static func sparseProduct() -> Result {
        let name = "CSR SpMM against the dense product"
        do {
            let dense = try Matrix<Double>([[0, 2, 0], [1, 0, 3]])
            let x = try Matrix<Double>([[1, 2], [3, 4], [5, 6]])
            let ok = try SparseMatrix(dense).multiplied(by: x) == dense.multiplied(by: x)
            return Result(name: name, passed: ok, detail: ok ? "exact" : "mismatch")
        } catch {
            return Result(name: name, passed: false, detail: "\(error)")
        }
    }
}

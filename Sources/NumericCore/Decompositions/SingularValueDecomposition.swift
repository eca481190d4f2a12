/// A (possibly truncated) singular value decomposition A ≈ U·diag(σ)·Vᵀ.
///
/// U is m × k with orthonormal columns, σ descending and non-negative, Vᵀ is k × n with orthonormal
/// rows. Signs are fixed so that the largest-magnitude entry of each column of U is positive
/// (as scikit-learn's `svd_flip`), which makes the result deterministic.
public struct SingularValueDecomposition<Scalar: BLASScalar>: Sendable {
    public let u: Matrix<Scalar>
    public let singularValues: [Scalar]
    public let vt: Matrix<Scalar>

    public var rank: Int { singularValues.count }

    public init(u: Matrix<Scalar>, singularValues: [Scalar], vt: Matrix<Scalar>) {
        var (u, vt) = (u, vt)
        SingularValueDecomposition.flipSigns(u: &u, vt: &vt)
        self.u = u
        self.singularValues = singularValues
        self.vt = vt
    }

    /// U·diag(σ)·Vᵀ.
    public func reconstructed() throws -> Matrix<Scalar> {
        try scaledLeftVectors().multiplied(by: vt)
    }

    /// U·diag(σ): the rows of A projected on the top singular directions (the LSA embedding).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func scaledLeftVectors() -> Matrix<Scalar> {
        var us = u
        let k = us.columns, rows = us.rows
        us.withUnsafeMutableBufferPointer { b in
            for i in 0..<rows { for j in 0..<k { b[i * k + j] *= singularValues[j] } }
        }
        return us
    }

    /// Flips each singular pair so the largest-magnitude entry of U's column is positive: one
    /// row-major pass to find the entries, one to flip.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    private static func flipSigns(u: inout Matrix<Scalar>, vt: inout Matrix<Scalar>) {
        let k = u.columns, rows = u.rows
        var best = [Scalar](repeating: 0, count: k)
        u.withUnsafeBufferPointer { b in
            for i in 0..<rows { for j in 0..<k where Swift.abs(b[i * k + j]) > Swift.abs(best[j]) { best[j] = b[i * k + j] } }
        }
        let flip = best.map { $0 < 0 }
        guard flip.contains(true) else { return }
        u.withUnsafeMutableBufferPointer { b in
            for i in 0..<rows { for j in 0..<k where flip[j] { b[i * k + j] = -b[i * k + j] } }
        }
        let n = vt.columns
        vt.withUnsafeMutableBufferPointer { b in
            for j in 0..<k where flip[j] { for c in 0..<n { b[j * n + c] = -b[j * n + c] } }
        }
    }
}

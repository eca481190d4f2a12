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
    public func scaledLeftVectors() -> Matrix<Scalar> {
        var us = u
        for i in 0..<us.rows {
            for j in 0..<us.columns { us[i, j] *= singularValues[j] }
        }
        return us
    }

    private static func flipSigns(u: inout Matrix<Scalar>, vt: inout Matrix<Scalar>) {
        for j in 0..<u.columns {
            var best: Scalar = 0
            for i in 0..<u.rows where Swift.abs(u[i, j]) > Swift.abs(best) { best = u[i, j] }
            if best < 0 {
                for i in 0..<u.rows { u[i, j] = -u[i, j] }
                for c in 0..<vt.columns { vt[j, c] = -vt[j, c] }
            }
        }
    }
}

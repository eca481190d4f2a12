/// Truncated SVD by randomized range finding (Halko, Martinsson & Tropp 2011, Algorithms 4.4 and 5.1).
///
/// Sketches the range of A with l = rank + oversampling Gaussian test vectors, sharpens it with
/// power iterations (re-orthonormalised by QR at every half-step, for stability when the spectrum
/// decays slowly, as term–document matrices' does), then takes the exact SVD of the small
/// projected matrix. Cost O(nnz·l·(2q + 2) + (m + n)·l²); memory two m × l and two n × l blocks.
/// The sketch comes from the stream (seed, 0, "randomized-sketch"): same seed, same result.
public struct RandomizedSVD: Sendable, Hashable {
    /// The number of singular triplets wanted.
    public var rank: Int
    /// Extra sketch columns beyond `rank` (HMT recommend 5–10).
    public var oversampling: Int
    /// Power iterations; nil picks scikit-learn's rule: 7 when rank < 10% of min(m, n), else 4.
    public var powerIterations: Int?
    public var seed: UInt64

    public init(rank: Int, oversampling: Int = 10, powerIterations: Int? = nil, seed: UInt64 = 0) {
        self.rank = rank
        self.oversampling = oversampling
        self.powerIterations = powerIterations
        self.seed = seed
    }

    public func decompose<Operator: LinearOperator>(_ a: Operator) throws -> SingularValueDecomposition<Operator.Scalar> {
        typealias Scalar = Operator.Scalar
        let smaller = Swift.min(a.rows, a.columns)
        guard rank >= 1, rank <= smaller else {
            throw ShapeError.invalidDimension(name: "rank", value: rank, allowed: "1…\(smaller) for a \(Shape(a.rows, a.columns)) matrix")
        }
        guard oversampling >= 0 else {
            throw ShapeError.invalidDimension(name: "oversampling", value: oversampling, allowed: "≥ 0")
        }
        let l = Swift.min(rank + oversampling, smaller)
        let iterations = powerIterations ?? (Double(rank) < 0.1 * Double(smaller) ? 7 : 4)
        guard iterations >= 0 else {
            throw ShapeError.invalidDimension(name: "powerIterations", value: iterations, allowed: "≥ 0")
        }
        var generator = Xoshiro256PlusPlus(seed: seed, replicate: 0, purpose: .sketch)
        let omega = Matrix<Scalar>.gaussian(rows: a.columns, columns: l, using: &generator)
        var q = try a.apply(omega).orthonormalBasis()
        for _ in 0..<iterations {
            let z = try a.applyTransposed(q).orthonormalBasis()
            // Release the old basis before the next m × l product exists: at a million rows each
            // m × l matrix is ~0.9 GB, and the peak is how many of them are alive at once.
            q = Matrix(rows: 0, columns: 0)
            q = try a.apply(z).orthonormalBasis()
        }
        // Bᵀ = Aᵀ·Q (n × l); Bᵀ = U_b·Σ·V_bᵀ, so A ≈ Q·B = (Q·V_b)·Σ·U_bᵀ. Only the leading `rank`
        // columns of Q·V_b are kept, so only they are computed.
        let bt = try a.applyTransposed(q)
        let small = try bt.svd()
        let leading = Matrix<Scalar>(rows: rank, columns: small.vt.columns) { small.vt[$0, $1] }   // rank × l
        let u = try q.multiplied(by: leading, transposingOther: true)                            // m × rank
        let vtFull = small.u.transposed()                                                        // l × n
        let vt = Matrix<Scalar>(rows: rank, columns: a.columns) { vtFull[$0, $1] }
        return SingularValueDecomposition(u: u, singularValues: Array(small.singularValues.prefix(rank)), vt: vt)
    }
}

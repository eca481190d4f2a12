/// Truncated SVD by randomized range finding (Halko, Martinsson & Tropp 2011, Algorithms 4.4 and 5.1).
///
/// Sketches the range of A with l = rank + oversampling Gaussian test vectors, sharpens it with
/// power iterations (re-conditioned whenever a half-step's condition number passes 100), then
/// takes the exact SVD of the small projected matrix. Cost O(nnz·l·(2q + 2) + (m + n)·l²); memory two m × l and two n × l blocks.
/// The sketch comes from the stream (seed, 0, "randomized-sketch"): same seed, same result.
public struct RandomizedSVD: Sendable, Hashable {
    /// The number of singular triplets wanted.
    public var rank: Int
    /// Extra sketch columns beyond `rank` (HMT recommend 5–10).
    public var oversampling: Int
    /// Power iterations; nil picks scikit-learn's rule: 7 when rank < 10% of min(m, n), else 4.
    public var powerIterations: Int?
    public var seed: UInt64
    /// Whether to form Vᵀ (an LSA embedding of the fitted rows needs only U·Σ); without it `vt`
    /// is empty (rank × 0).
    public var rightVectors: Bool
    /// How the small projected problem Bᵀ = Aᵀ·Q (n × l) is solved.
    public enum SmallProblem: Sendable, Hashable {
        /// LAPACK's divide-and-conquer SVD of Bᵀ: accurate to working precision.
        case svd
        /// The eigendecomposition of the l × l Gram matrix BBᵀ (a SYRK), V = Bᵀ·V_b·Σ⁻¹ by a GEMM:
        /// several times faster when n is large (a 93 000-term vocabulary: 3 s → 0.1 s), with
        /// absolute error ~ε·σ₁²/σᵢ in σᵢ — immaterial for the leading directions an embedding keeps.
        case gram
    }
    public var smallProblem: SmallProblem

    public init(rank: Int, oversampling: Int = 10, powerIterations: Int? = nil, seed: UInt64 = 0, rightVectors: Bool = true,
                smallProblem: SmallProblem = .svd) {
        self.rank = rank
        self.oversampling = oversampling
        self.powerIterations = powerIterations
        self.seed = seed
        self.rightVectors = rightVectors
        self.smallProblem = smallProblem
    }

    @_specialize(where Operator == SparseOperator<Float>)
    @_specialize(where Operator == SparseOperator<Double>)
    @_specialize(where Operator == Matrix<Double>)
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
        // Power iterations need each half-step's range intact, not orthonormal columns: a sketch is
        // re-conditioned (one SVQB pass, as scikit-learn's LU steps do every time) only when its
        // condition number passes 100, which a flat spectrum such as TF-IDF's (σ₁/σ₁₁₀ ≈ 3) reaches
        // every second half-step or so. Only the final basis is made orthonormal, by two passes.
        var q = try iterations == 0 ? a.apply(omega).orthonormalBasis(passes: 2) : a.apply(omega).wellConditionedBasis()
        for iteration in 0..<iterations {
            let z = try a.applyTransposed(q).wellConditionedBasis()
            // Release the old basis before the next m × l product exists: at a million rows each
            // m × l matrix is ~0.9 GB, and the peak is how many of them are alive at once.
            q = Matrix(rows: 0, columns: 0)
            q = try iteration == iterations - 1 ? a.apply(z).orthonormalBasis(passes: 2) : a.apply(z).wellConditionedBasis()
        }
        // Bᵀ = Aᵀ·Q (n × l); Bᵀ = U_b·Σ·V_bᵀ, so A ≈ Q·B = (Q·V_b)·Σ·U_bᵀ. Only the leading `rank`
        // columns of Q·V_b are kept, so only they are computed.
        let bt = try a.applyTransposed(q)
        if smallProblem == .gram {
            // BBᵀ = (Bᵀ)ᵀBᵀ = V_b·Σ²·V_bᵀ: the same V_b and Σ from an l × l eigenproblem.
            let (values, vectors) = try BLASRuntime.singleThreaded { try bt.gram().symmetricEigen() }
            let order = Array(values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }.prefix(rank))
            let sigma = order.map { Swift.max(values[$0], 0).squareRoot() }
            let leading = Matrix<Scalar>(rows: rank, columns: l) { r, c in vectors[c, order[r]] }      // V_bᵀ, rank × l
            let u = try q.multiplied(by: leading, transposingOther: true)
            guard rightVectors else { return SingularValueDecomposition(u: u, singularValues: sigma, vt: Matrix(rows: rank, columns: 0)) }
            // V = Bᵀ·V_b·Σ⁻¹ (n × rank); a zero σ leaves its column zero.
            let w = Matrix<Scalar>(rows: l, columns: rank) { c, r in sigma[r] > 0 ? vectors[c, order[r]] / sigma[r] : 0 }
            let v = try bt.multipliedByRowBlocks(by: w)
            return SingularValueDecomposition(u: u, singularValues: sigma, vt: v.transposed())
        }
        let small = try bt.svd()
        // The leading rows of V_bᵀ (l × l) and of U_bᵀ are contiguous prefixes of row-major storage.
        let leading = try Matrix<Scalar>(rows: rank, columns: small.vt.columns, elements: Array(small.vt.elements.prefix(rank * small.vt.columns)))
        let u = try q.multiplied(by: leading, transposingOther: true)                            // m × rank
        guard rightVectors else { return SingularValueDecomposition(u: u, singularValues: Array(small.singularValues.prefix(rank)), vt: Matrix(rows: rank, columns: 0)) }
        let vtFull = small.u.transposed()                                                        // l × n
        let vt = try Matrix<Scalar>(rows: rank, columns: a.columns, elements: Array(vtFull.elements.prefix(rank * a.columns)))
        return SingularValueDecomposition(u: u, singularValues: Array(small.singularValues.prefix(rank)), vt: vt)
    }
}

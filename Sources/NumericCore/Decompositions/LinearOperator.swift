/// A matrix known only by its products with dense blocks: what the randomized SVD needs.
///
/// Dense matrices multiply with GEMM; sparse ones with SpMM (`SparseOperator` keeps Aᵀ so both
/// directions are row-parallel).
public protocol LinearOperator<Scalar>: Sendable {
    associatedtype Scalar: BLASScalar
    var rows: Int { get }
    var columns: Int { get }
    /// A·X for X of shape columns × l.
    func apply(_ x: Matrix<Scalar>) throws -> Matrix<Scalar>
    /// Aᵀ·X for X of shape rows × l.
    func applyTransposed(_ x: Matrix<Scalar>) throws -> Matrix<Scalar>
}

extension Matrix: LinearOperator {
    public func apply(_ x: Matrix) throws -> Matrix { try multiplied(by: x) }
    public func applyTransposed(_ x: Matrix) throws -> Matrix { try multiplied(by: x, transposingSelf: true) }
}

/// A sparse matrix with its transpose precomputed, so that Aᵀ·X is a row-parallel SpMM too.
/// Costs one more copy of the matrix; pays for itself after one transposed product.
public struct SparseOperator<Scalar: BLASScalar>: LinearOperator {
    public let matrix: SparseMatrix<Scalar>
    public let transpose: SparseMatrix<Scalar>

    public init(_ matrix: SparseMatrix<Scalar>) {
        self.matrix = matrix
        transpose = matrix.transposed()
    }

    public var rows: Int { matrix.rows }
    public var columns: Int { matrix.columns }
    public func apply(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> { try matrix.multiplied(by: x) }
    public func applyTransposed(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> { try transpose.multiplied(by: x) }
}

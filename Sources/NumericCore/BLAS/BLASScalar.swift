/// A floating-point type that BLAS and LAPACK handle: `Float` or `Double`.
///
/// The underscored requirements are the raw kernels, implemented once per type in
/// `Float+BLASScalar.swift` and `Double+BLASScalar.swift`, the only files that call OpenBLAS.
/// They take row-major (BLAS) or column-major (LAPACK) buffers with already-checked `Int32`
/// dimensions; use `Matrix` and `SparseMatrix` rather than calling them.
public protocol BLASScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable, CustomStringConvertible
where RawSignificand: FixedWidthInteger {
    /// A short name for messages: "Float" or "Double".
    static var blasName: String { get }
    /// The LAPACK routine prefix: "s" or "d".
    static var lapackPrefix: String { get }

    // BLAS level 3 and 2 (row-major).
    static func _gemm(transA: Bool, transB: Bool, m: Int32, n: Int32, k: Int32, alpha: Self,
                      a: UnsafePointer<Self>, lda: Int32, b: UnsafePointer<Self>, ldb: Int32,
                      beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int32)
    /// C = alpha·AᵀA + beta·C (trans) or alpha·AAᵀ + beta·C, upper triangle only.
    static func _syrk(trans: Bool, n: Int32, k: Int32, alpha: Self, a: UnsafePointer<Self>, lda: Int32,
                      beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int32)
    static func _gemv(trans: Bool, m: Int32, n: Int32, alpha: Self, a: UnsafePointer<Self>, lda: Int32,
                      x: UnsafePointer<Self>, incx: Int32, beta: Self, y: UnsafeMutablePointer<Self>, incy: Int32)
    // BLAS level 1.
    static func _axpy(n: Int32, alpha: Self, x: UnsafePointer<Self>, incx: Int32, y: UnsafeMutablePointer<Self>, incy: Int32)
    static func _dot(n: Int32, x: UnsafePointer<Self>, incx: Int32, y: UnsafePointer<Self>, incy: Int32) -> Self
    static func _nrm2(n: Int32, x: UnsafePointer<Self>, incx: Int32) -> Self
    static func _scal(n: Int32, alpha: Self, x: UnsafeMutablePointer<Self>, incx: Int32)

    // LAPACK (column-major). Each returns `info`; a workspace query passes lwork = −1.
    static func _geqrf(m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, tau: UnsafeMutablePointer<Self>,
                       work: UnsafeMutablePointer<Self>, lwork: Int32) -> Int32
    static func _orgqr(m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, tau: UnsafePointer<Self>,
                       work: UnsafeMutablePointer<Self>, lwork: Int32) -> Int32
    static func _gelqf(m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, tau: UnsafeMutablePointer<Self>,
                       work: UnsafeMutablePointer<Self>, lwork: Int32) -> Int32
    static func _orglq(m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, tau: UnsafePointer<Self>,
                       work: UnsafeMutablePointer<Self>, lwork: Int32) -> Int32
    static func _gesdd(jobz: UInt8, m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
                       s: UnsafeMutablePointer<Self>, u: UnsafeMutablePointer<Self>?, ldu: Int32,
                       vt: UnsafeMutablePointer<Self>?, ldvt: Int32, work: UnsafeMutablePointer<Self>, lwork: Int32,
                       iwork: UnsafeMutablePointer<Int32>) -> Int32
    static func _syevd(jobz: UInt8, upper: Bool, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
                       w: UnsafeMutablePointer<Self>, work: UnsafeMutablePointer<Self>, lwork: Int32,
                       iwork: UnsafeMutablePointer<Int32>, liwork: Int32) -> Int32
    static func _gesv(n: Int32, nrhs: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, ipiv: UnsafeMutablePointer<Int32>,
                      b: UnsafeMutablePointer<Self>, ldb: Int32) -> Int32
}

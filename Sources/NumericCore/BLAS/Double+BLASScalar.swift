internal import COpenBLAS

extension Double: BLASScalar {
    public static var blasName: String { "Double" }
    public static var lapackPrefix: String { "d" }

    public static func _gemm(transA: Bool, transB: Bool, m: Int32, n: Int32, k: Int32, alpha: Double,
                             a: UnsafePointer<Double>, lda: Int32, b: UnsafePointer<Double>, ldb: Int32,
                             beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int32) {
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }

    public static func _syrk(trans: Bool, n: Int32, k: Int32, alpha: Double, a: UnsafePointer<Double>, lda: Int32,
                             beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int32) {
        cblas_dsyrk(CblasRowMajor, CblasUpper, trans ? CblasTrans : CblasNoTrans, n, k, alpha, a, lda, beta, c, ldc)
    }

    public static func _gemv(trans: Bool, m: Int32, n: Int32, alpha: Double, a: UnsafePointer<Double>, lda: Int32,
                             x: UnsafePointer<Double>, incx: Int32, beta: Double, y: UnsafeMutablePointer<Double>, incy: Int32) {
        cblas_dgemv(CblasRowMajor, trans ? CblasTrans : CblasNoTrans, m, n, alpha, a, lda, x, incx, beta, y, incy)
    }

    public static func _axpy(n: Int32, alpha: Double, x: UnsafePointer<Double>, incx: Int32, y: UnsafeMutablePointer<Double>, incy: Int32) {
        cblas_daxpy(n, alpha, x, incx, y, incy)
    }

    public static func _dot(n: Int32, x: UnsafePointer<Double>, incx: Int32, y: UnsafePointer<Double>, incy: Int32) -> Double {
        cblas_ddot(n, x, incx, y, incy)
    }

    public static func _nrm2(n: Int32, x: UnsafePointer<Double>, incx: Int32) -> Double {
        cblas_dnrm2(n, x, incx)
    }

    public static func _scal(n: Int32, alpha: Double, x: UnsafeMutablePointer<Double>, incx: Int32) {
        cblas_dscal(n, alpha, x, incx)
    }

    public static func _geqrf(m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32, tau: UnsafeMutablePointer<Double>,
                              work: UnsafeMutablePointer<Double>, lwork: Int32) -> Int32 {
        var (m, n, lda, lwork, info) = (m, n, lda, lwork, Int32(0))
        dgeqrf_(&m, &n, a, &lda, tau, work, &lwork, &info)
        return info
    }

    public static func _orgqr(m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Double>, lda: Int32, tau: UnsafePointer<Double>,
                              work: UnsafeMutablePointer<Double>, lwork: Int32) -> Int32 {
        var (m, n, k, lda, lwork, info) = (m, n, k, lda, lwork, Int32(0))
        dorgqr_(&m, &n, &k, a, &lda, tau, work, &lwork, &info)
        return info
    }

    public static func _gelqf(m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32, tau: UnsafeMutablePointer<Double>,
                              work: UnsafeMutablePointer<Double>, lwork: Int32) -> Int32 {
        var (m, n, lda, lwork, info) = (m, n, lda, lwork, Int32(0))
        dgelqf_(&m, &n, a, &lda, tau, work, &lwork, &info)
        return info
    }

    public static func _orglq(m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Double>, lda: Int32, tau: UnsafePointer<Double>,
                              work: UnsafeMutablePointer<Double>, lwork: Int32) -> Int32 {
        var (m, n, k, lda, lwork, info) = (m, n, k, lda, lwork, Int32(0))
        dorglq_(&m, &n, &k, a, &lda, tau, work, &lwork, &info)
        return info
    }

    public static func _gesdd(jobz: UInt8, m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
                              s: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Double>?, ldu: Int32,
                              vt: UnsafeMutablePointer<Double>?, ldvt: Int32, work: UnsafeMutablePointer<Double>, lwork: Int32,
                              iwork: UnsafeMutablePointer<Int32>) -> Int32 {
        var (job, m, n, lda, ldu, ldvt, lwork, info) = (CChar(bitPattern: jobz), m, n, lda, ldu, ldvt, lwork, Int32(0))
        dgesdd_(&job, &m, &n, a, &lda, s, u, &ldu, vt, &ldvt, work, &lwork, iwork, &info, 1)
        return info
    }

    public static func _syevd(jobz: UInt8, upper: Bool, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
                              w: UnsafeMutablePointer<Double>, work: UnsafeMutablePointer<Double>, lwork: Int32,
                              iwork: UnsafeMutablePointer<Int32>, liwork: Int32) -> Int32 {
        var job = CChar(bitPattern: jobz)
        var uplo = CChar(bitPattern: upper ? UInt8(ascii: "U") : UInt8(ascii: "L"))
        var (n, lda, lwork, liwork, info) = (n, lda, lwork, liwork, Int32(0))
        dsyevd_(&job, &uplo, &n, a, &lda, w, work, &lwork, iwork, &liwork, &info, 1, 1)
        return info
    }

    public static func _gesv(n: Int32, nrhs: Int32, a: UnsafeMutablePointer<Double>, lda: Int32, ipiv: UnsafeMutablePointer<Int32>,
                             b: UnsafeMutablePointer<Double>, ldb: Int32) -> Int32 {
        var (n, nrhs, lda, ldb, info) = (n, nrhs, lda, ldb, Int32(0))
        dgesv_(&n, &nrhs, a, &lda, ipiv, b, &ldb, &info)
        return info
    }
}

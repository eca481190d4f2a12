internal import COpenBLAS

extension Float: BLASScalar {
    public static var blasName: String { "Float" }
    public static var lapackPrefix: String { "s" }

    public static func _gemm(transA: Bool, transB: Bool, m: Int32, n: Int32, k: Int32, alpha: Float,
                             a: UnsafePointer<Float>, lda: Int32, b: UnsafePointer<Float>, ldb: Int32,
                             beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int32) {
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }

    public static func _syrk(trans: Bool, n: Int32, k: Int32, alpha: Float, a: UnsafePointer<Float>, lda: Int32,
                             beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int32) {
        cblas_ssyrk(CblasRowMajor, CblasUpper, trans ? CblasTrans : CblasNoTrans, n, k, alpha, a, lda, beta, c, ldc)
    }

    public static func _gemv(trans: Bool, m: Int32, n: Int32, alpha: Float, a: UnsafePointer<Float>, lda: Int32,
                             x: UnsafePointer<Float>, incx: Int32, beta: Float, y: UnsafeMutablePointer<Float>, incy: Int32) {
        cblas_sgemv(CblasRowMajor, trans ? CblasTrans : CblasNoTrans, m, n, alpha, a, lda, x, incx, beta, y, incy)
    }

    public static func _axpy(n: Int32, alpha: Float, x: UnsafePointer<Float>, incx: Int32, y: UnsafeMutablePointer<Float>, incy: Int32) {
        cblas_saxpy(n, alpha, x, incx, y, incy)
    }

    public static func _dot(n: Int32, x: UnsafePointer<Float>, incx: Int32, y: UnsafePointer<Float>, incy: Int32) -> Float {
        cblas_sdot(n, x, incx, y, incy)
    }

    public static func _nrm2(n: Int32, x: UnsafePointer<Float>, incx: Int32) -> Float {
        cblas_snrm2(n, x, incx)
    }

    public static func _scal(n: Int32, alpha: Float, x: UnsafeMutablePointer<Float>, incx: Int32) {
        cblas_sscal(n, alpha, x, incx)
    }

    public static func _geqrf(m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32, tau: UnsafeMutablePointer<Float>,
                              work: UnsafeMutablePointer<Float>, lwork: Int32) -> Int32 {
        var (m, n, lda, lwork, info) = (m, n, lda, lwork, Int32(0))
        sgeqrf_(&m, &n, a, &lda, tau, work, &lwork, &info)
        return info
    }

    public static func _orgqr(m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Float>, lda: Int32, tau: UnsafePointer<Float>,
                              work: UnsafeMutablePointer<Float>, lwork: Int32) -> Int32 {
        var (m, n, k, lda, lwork, info) = (m, n, k, lda, lwork, Int32(0))
        sorgqr_(&m, &n, &k, a, &lda, tau, work, &lwork, &info)
        return info
    }

    public static func _gelqf(m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32, tau: UnsafeMutablePointer<Float>,
                              work: UnsafeMutablePointer<Float>, lwork: Int32) -> Int32 {
        var (m, n, lda, lwork, info) = (m, n, lda, lwork, Int32(0))
        sgelqf_(&m, &n, a, &lda, tau, work, &lwork, &info)
        return info
    }

    public static func _orglq(m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Float>, lda: Int32, tau: UnsafePointer<Float>,
                              work: UnsafeMutablePointer<Float>, lwork: Int32) -> Int32 {
        var (m, n, k, lda, lwork, info) = (m, n, k, lda, lwork, Int32(0))
        sorglq_(&m, &n, &k, a, &lda, tau, work, &lwork, &info)
        return info
    }

    public static func _gesdd(jobz: UInt8, m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
                              s: UnsafeMutablePointer<Float>, u: UnsafeMutablePointer<Float>?, ldu: Int32,
                              vt: UnsafeMutablePointer<Float>?, ldvt: Int32, work: UnsafeMutablePointer<Float>, lwork: Int32,
                              iwork: UnsafeMutablePointer<Int32>) -> Int32 {
        var (job, m, n, lda, ldu, ldvt, lwork, info) = (CChar(bitPattern: jobz), m, n, lda, ldu, ldvt, lwork, Int32(0))
        sgesdd_(&job, &m, &n, a, &lda, s, u, &ldu, vt, &ldvt, work, &lwork, iwork, &info, 1)
        return info
    }

    public static func _syevd(jobz: UInt8, upper: Bool, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
                              w: UnsafeMutablePointer<Float>, work: UnsafeMutablePointer<Float>, lwork: Int32,
                              iwork: UnsafeMutablePointer<Int32>, liwork: Int32) -> Int32 {
        var job = CChar(bitPattern: jobz)
        var uplo = CChar(bitPattern: upper ? UInt8(ascii: "U") : UInt8(ascii: "L"))
        var (n, lda, lwork, liwork, info) = (n, lda, lwork, liwork, Int32(0))
        ssyevd_(&job, &uplo, &n, a, &lda, w, work, &lwork, iwork, &liwork, &info, 1, 1)
        return info
    }

    public static func _gesv(n: Int32, nrhs: Int32, a: UnsafeMutablePointer<Float>, lda: Int32, ipiv: UnsafeMutablePointer<Int32>,
                             b: UnsafeMutablePointer<Float>, ldb: Int32) -> Int32 {
        var (n, nrhs, lda, ldb, info) = (n, nrhs, lda, ldb, Int32(0))
        sgesv_(&n, &nrhs, a, &lda, ipiv, b, &ldb, &info)
        return info
    }
}

extension Matrix {
    /// C ← α·op(A)·op(B) + β·C, where op transposes when asked (BLAS `gemm`).
    ///
    /// Runs on OpenBLAS with `BLASRuntime.threads` threads. O(m·n·k).
    public static func gemm(
        alpha: Scalar = 1, _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
        beta: Scalar = 0, into c: inout Matrix
    ) throws {
        let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        guard k == kb else {
            throw ShapeError.incompatible(
                operation: "gemm(\(transposeA ? "Aᵀ" : "A")·\(transposeB ? "Bᵀ" : "B"))", lhs: a.shape, rhs: b.shape)
        }
        guard c.rows == m, c.columns == n else {
            throw ShapeError.incompatible(operation: "gemm output", lhs: Shape(m, n), rhs: c.shape)
        }
        let (m32, n32, k32) = (try blasIndex(m, "gemm"), try blasIndex(n, "gemm"), try blasIndex(k, "gemm"))
        let lda = try blasIndex(max(1, a.columns), "gemm"), ldb = try blasIndex(max(1, b.columns), "gemm")
        let ldc = try blasIndex(max(1, n), "gemm")
        if m == 0 || n == 0 { return }
        if k == 0 {
            c.storage.withUnsafeMutableBufferPointer { cp in for i in cp.indices { cp[i] *= beta } }
            return
        }
        a.storage.withUnsafeBufferPointer { ap in
            b.storage.withUnsafeBufferPointer { bp in
                c.storage.withUnsafeMutableBufferPointer { cp in
                    Scalar._gemm(transA: transposeA, transB: transposeB, m: m32, n: n32, k: k32, alpha: alpha,
                                 a: ap.baseAddress!, lda: lda, b: bp.baseAddress!, ldb: ldb,
                                 beta: beta, c: cp.baseAddress!, ldc: ldc)
                }
            }
        }
    }

    /// op(self)·op(other) as a new matrix.
    public func multiplied(by other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false) throws -> Matrix {
        let m = transposingSelf ? columns : rows
        let n = transposingOther ? other.rows : other.columns
        var c = Matrix(rows: m, columns: n)
        try Matrix.gemm(self, transposeA: transposingSelf, other, transposeB: transposingOther, into: &c)
        return c
    }

    /// op(self)·x (BLAS `gemv`).
    public func multiplied(by x: [Scalar], transposingSelf: Bool = false) throws -> [Scalar] {
        let (outCount, inCount) = transposingSelf ? (columns, rows) : (rows, columns)
        guard x.count == inCount else {
            throw ShapeError.incompatible(operation: transposingSelf ? "gemv(Aᵀx)" : "gemv(Ax)", lhs: shape, rhs: Shape(x.count, 1))
        }
        var y = [Scalar](repeating: 0, count: outCount)
        let m = try blasIndex(rows, "gemv"), n = try blasIndex(columns, "gemv")
        let lda = try blasIndex(max(1, columns), "gemv")
        if outCount == 0 || inCount == 0 { return y }
        storage.withUnsafeBufferPointer { ap in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    Scalar._gemv(trans: transposingSelf, m: m, n: n, alpha: 1, a: ap.baseAddress!, lda: lda,
                                 x: xp.baseAddress!, incx: 1, beta: 0, y: yp.baseAddress!, incy: 1)
                }
            }
        }
        return y
    }

    /// self ← self + α·other (BLAS `axpy` over the whole storage).
    public mutating func add(_ other: Matrix, scaledBy alpha: Scalar = 1) throws {
        guard other.shape == shape else {
            throw ShapeError.incompatible(operation: "add", lhs: shape, rhs: other.shape)
        }
        try BLAS.axpy(alpha, other.storage, &storage)
    }

    /// self ← α·self (BLAS `scal`).
    public mutating func scale(by alpha: Scalar) {
        // A matrix's storage length always fits once its dimensions did; scal only fails past Int32.
        for chunk in stride(from: 0, to: storage.count, by: Int(Int32.max)) {
            storage.withUnsafeMutableBufferPointer { p in
                let n = Int32(min(Int(Int32.max), p.count - chunk))
                Scalar._scal(n: n, alpha: alpha, x: p.baseAddress! + chunk, incx: 1)
            }
        }
    }

    /// The Frobenius norm, √Σ aᵢⱼ², by BLAS `nrm2` (scaled, so it neither overflows nor underflows).
    public func frobeniusNorm() throws -> Scalar {
        try BLAS.nrm2(storage)
    }

    /// The largest |aᵢⱼ − bᵢⱼ|, for tests.
    public func maxAbsoluteDifference(_ other: Matrix) throws -> Scalar {
        guard other.shape == shape else {
            throw ShapeError.incompatible(operation: "maxAbsoluteDifference", lhs: shape, rhs: other.shape)
        }
        var worst: Scalar = 0
        for i in storage.indices { worst = Swift.max(worst, Swift.abs(storage[i] - other.storage[i])) }
        return worst
    }
}

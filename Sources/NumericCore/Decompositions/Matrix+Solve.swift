extension Matrix {
    /// Solves self·X = B for X by LU with partial pivoting (LAPACK `gesv`). O(n³ + n²·r).
    ///
    /// Throws `LAPACKError` naming the zero pivot when the matrix is singular.
    public func solve(_ b: Matrix) throws -> Matrix {
        guard rows == columns else {
            throw ShapeError.incompatible(operation: "solve (needs a square matrix)", lhs: shape, rhs: b.shape)
        }
        guard b.rows == rows else {
            throw ShapeError.incompatible(operation: "solve(A·X = B)", lhs: shape, rhs: b.shape)
        }
        if rows == 0 || b.columns == 0 { return Matrix(rows: rows, columns: b.columns) }
        // gesv wants column-major A and B: the transposes of the row-major buffers.
        var a = transposed()
        var x = b.transposed()
        let n = try blasIndex(rows, "gesv"), nrhs = try blasIndex(b.columns, "gesv")
        var pivots = [Int32](repeating: 0, count: rows)
        let routine = Scalar.lapackPrefix + "gesv"
        try a.storage.withUnsafeMutableBufferPointer { ap in
            try x.storage.withUnsafeMutableBufferPointer { xp in
                try pivots.withUnsafeMutableBufferPointer { pp in
                    try checkLAPACK(routine, Scalar._gesv(n: n, nrhs: nrhs, a: ap.baseAddress!, lda: n,
                                                          ipiv: pp.baseAddress!, b: xp.baseAddress!, ldb: n))
                }
            }
        }
        return try Matrix(rows: b.columns, columns: rows, elements: x.storage).transposed()
    }

    /// The inverse, by `solve` against the identity; throws for a singular matrix.
    public func inverse() throws -> Matrix {
        try solve(Matrix(rows: rows, columns: rows) { $0 == $1 ? 1 : 0 })
    }
}

extension Matrix {
    /// Thin QR: self = Q·R with Q (m × k) orthonormal columns and R (k × n) upper triangular (k = min(m, n)).
    ///
    /// A row-major m × n buffer is the column-major n × m matrix Aᵀ. LQ of that buffer (LAPACK
    /// `gelqf`, `orglq`) gives Aᵀ = L·Q̃, so A = Q̃ᵀ·Lᵀ: Q̃ is already Q in row-major and R = Lᵀ.
    /// This avoids a transposed copy of a tall matrix, which for the m = 10⁶ sketches of the
    /// randomized SVD is most of the memory. Householder, backward stable; O(m·n·k).
    public func qr() throws -> (q: Matrix, r: Matrix) {
        var work = self
        let k = Swift.min(rows, columns)
        if k == 0 { return (Matrix(rows: rows, columns: 0), Matrix(rows: 0, columns: columns)) }
        let tau = try work.factorLQOfStorage()
        // R = Lᵀ: L(i, j) sits at buffer[i + j·n] in the column-major view (i ≥ j).
        var r = Matrix(rows: k, columns: columns)
        for i in 0..<columns {
            for j in 0...Swift.min(i, k - 1) { r.storage[j * columns + i] = work.storage[i + j * columns] }
        }
        let q = try work.formQFromLQ(tau: tau, k: k)
        return (q, r)
    }

    /// An orthonormal basis of the column space (the Q of the thin QR), without forming R.
    public func orthonormalColumns() throws -> Matrix {
        var work = self
        let k = Swift.min(rows, columns)
        let tau = try work.factorLQOfStorage()
        return try work.formQFromLQ(tau: tau, k: k)
    }

    /// LQ-factors the column-major n × m view of the storage in place; returns τ.
    private mutating func factorLQOfStorage() throws -> [Scalar] {
        let (m, n) = (try blasIndex(columns, "gelqf"), try blasIndex(rows, "gelqf"))  // column-major view: n × m
        let lda = Swift.max(1, m)
        var tau = [Scalar](repeating: 0, count: Swift.max(1, Swift.min(rows, columns)))
        if rows == 0 || columns == 0 { return tau }
        let routine = Scalar.lapackPrefix + "gelqf"
        try storage.withUnsafeMutableBufferPointer { a in
            try tau.withUnsafeMutableBufferPointer { t in
                try withLAPACKWorkspace(routine) { work, lwork in
                    Scalar._gelqf(m: m, n: n, a: a.baseAddress!, lda: lda, tau: t.baseAddress!, work: work, lwork: lwork)
                }
            }
        }
        return tau
    }

    /// Forms the k × m Q̃ of a stored LQ factorisation and returns it as the row-major m × k Q.
    private mutating func formQFromLQ(tau: [Scalar], k: Int) throws -> Matrix {
        let m = columns
        if rows == 0 || k == 0 { return Matrix(rows: rows, columns: k) }
        let k32 = try blasIndex(k, "orglq"), n32 = try blasIndex(rows, "orglq"), lda = try blasIndex(m, "orglq")
        let routine = Scalar.lapackPrefix + "orglq"
        try storage.withUnsafeMutableBufferPointer { a in
            try tau.withUnsafeBufferPointer { t in
                try withLAPACKWorkspace(routine) { work, lwork in
                    Scalar._orglq(m: k32, n: n32, k: k32, a: a.baseAddress!, lda: lda, tau: t.baseAddress!, work: work, lwork: lwork)
                }
            }
        }
        // Column-major k × rows with leading dimension m: row-major rows × k when m == k.
        if m == k { return try Matrix(rows: rows, columns: k, elements: storage) }
        var q = Matrix(rows: rows, columns: k)
        for i in 0..<rows {
            for j in 0..<k { q.storage[i * k + j] = storage[j + i * m] }
        }
        return q
    }
}

/// Runs a LAPACK routine twice: a workspace query (lwork = −1), then the call with that workspace.
@usableFromInline
func withLAPACKWorkspace<Scalar: BLASScalar>(
    _ routine: String, _ call: (UnsafeMutablePointer<Scalar>, Int32) -> Int32
) throws {
    var query: Scalar = 0
    try checkLAPACK(routine, call(&query, -1))
    let size = Swift.max(1, Int(query.rounded(.up)))
    var work = [Scalar](repeating: 0, count: size)
    let lwork = try blasIndex(size, routine)
    try work.withUnsafeMutableBufferPointer { w in
        try checkLAPACK(routine, call(w.baseAddress!, lwork))
    }
}

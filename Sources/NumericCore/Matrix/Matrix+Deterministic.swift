/// Dense products whose results do not depend on the thread count.
///
/// OpenBLAS splits a GEMM differently for different thread counts, so the last bits of a
/// multi-threaded product can change with `--threads` (measured: a 300 × 60 Gram matrix differs
/// between 1 and 2 threads). Results that feed clustering must not, so these products cut the work
/// into blocks fixed by the problem size, run each block on one BLAS thread (blocks in parallel),
/// and reduce partial sums in block order.
extension Matrix {
    /// Rows per block: large enough for BLAS efficiency, fixed so results never depend on threads.
    static var deterministicBlockRows: Int { 512 }

    /// Aᵀ·A (the Gram or, for centred columns, scatter matrix), summed over fixed row blocks.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func gram() throws -> Matrix {
        let blocks = Swift.max(1, (rows + Self.deterministicBlockRows - 1) / Self.deterministicBlockRows)
        var partials = [Matrix](repeating: Matrix(rows: columns, columns: columns), count: blocks)
        let n = try blasIndex(columns, "gram"), ld = try blasIndex(Swift.max(1, columns), "gram")
        guard rows > 0, columns > 0 else { return Matrix(rows: columns, columns: columns) }
        storage.withUnsafeBufferPointer { a in
            partials.withUnsafeMutableBufferPointer { out in
                let slots = UncheckedSendable(out), source = UncheckedSendable(a)
                Parallel.forEach(count: blocks) { b in
                    let start = b * Self.deterministicBlockRows, count = Swift.min(rows, start + Self.deterministicBlockRows) - start
                    // Aᵢᵀ·Aᵢ straight from the block's rows in place: op(A) = Aᵀ with A the block (count × columns).
                    slots.value[b].storage.withUnsafeMutableBufferPointer { c in
                        BLASRuntime.singleThreaded {
                            Scalar._gemm(transA: true, transB: false, m: n, n: n, k: Int32(count), alpha: 1,
                                         a: source.value.baseAddress! + start * columns, lda: ld,
                                         b: source.value.baseAddress! + start * columns, ldb: ld,
                                         beta: 0, c: c.baseAddress!, ldc: ld)
                        }
                    }
                }
            }
        }
        var total = partials[0]
        for b in 1..<blocks {
            total.withUnsafeMutableBufferPointer { t in
                partials[b].withUnsafeBufferPointer { p in for i in 0..<t.count { t[i] += p[i] } }
            }
        }
        return total
    }

    /// A·B, or A·Bᵀ, by fixed row blocks of A, each on one BLAS thread.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func multipliedByRowBlocks(by other: Matrix, transposingOther: Bool = false) throws -> Matrix {
        let outColumns = transposingOther ? other.rows : other.columns
        guard (transposingOther ? other.columns : other.rows) == columns else {
            return try multiplied(by: other, transposingOther: transposingOther)  // reports the shape error
        }
        var result = Matrix(rows: rows, columns: outColumns)
        guard rows > 0, outColumns > 0, columns > 0 else { return result }
        let blocks = Swift.max(1, (rows + Self.deterministicBlockRows - 1) / Self.deterministicBlockRows)
        let n = try blasIndex(outColumns, "gemm"), k = try blasIndex(columns, "gemm")
        let lda = try blasIndex(columns, "gemm"), ldb = try blasIndex(Swift.max(1, other.columns), "gemm"), ldc = try blasIndex(outColumns, "gemm")
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    let (sa, sb, sc) = (UncheckedSendable(a), UncheckedSendable(b), UncheckedSendable(c))
                    Parallel.forEach(count: blocks) { block in
                        let start = block * Self.deterministicBlockRows, count = Swift.min(rows, start + Self.deterministicBlockRows) - start
                        BLASRuntime.singleThreaded {
                            Scalar._gemm(transA: false, transB: transposingOther, m: Int32(count), n: n, k: k, alpha: 1,
                                         a: sa.value.baseAddress! + start * columns, lda: lda, b: sb.value.baseAddress!, ldb: ldb,
                                         beta: 0, c: sc.value.baseAddress! + start * outColumns, ldc: ldc)
                        }
                    }
                }
            }
        }
        return result
    }
}

extension BLASRuntime {
    /// Runs `body` with OpenBLAS on one thread (restoring the previous count after).
    public static func singleThreaded<R>(_ body: () throws -> R) rethrows -> R {
        let previous = threads
        guard previous != 1 else { return try body() }
        setThreads(1)
        defer { setThreads(previous) }
        return try body()
    }
}

extension Matrix {
    /// An orthonormal basis of the column space of a tall matrix by Gram eigen-orthonormalisation
    /// (SVQB, Stathopoulos & Wu 2002), applied twice: with AᵀA = VΛVᵀ, A·V·Λ^(−1/2) has orthonormal
    /// columns. Built from `gram()` and row-block products, so it is thread-count invariant and
    /// runs at GEMM speed on tall sketches, where Householder QR of a 10⁶ × 110 matrix is bound by
    /// matrix–vector traffic. The second pass restores orthogonality lost to rounding (κ up to
    /// ~10⁸). A numerically rank-deficient matrix (an eigenvalue below 10⁻²⁰·λmax) falls back to
    /// Householder QR on one BLAS thread, which handles it exactly.
    public func orthonormalBasis() throws -> Matrix {
        guard rows > 0, columns > 0 else { return self }
        var q = self
        for _ in 0..<2 {
            let g = try q.gram()
            let (values, vectors) = try BLASRuntime.singleThreaded { try g.symmetricEigen() }
            let top = values.max() ?? 0
            guard top > 0, (values.min() ?? 0) > top * Scalar(1e-20 as Double) else {
                return try BLASRuntime.singleThreaded { try self.orthonormalColumns() }
            }
            var scaled = vectors
            for j in 0..<columns {
                let s = 1 / values[j].squareRoot()
                for i in 0..<columns { scaled[i, j] *= s }
            }
            q = try q.multipliedByRowBlocks(by: scaled)
        }
        return q
    }
}

extension Matrix {
    /// The rows at `indices`, in that order, as a new matrix (a gather, row by row).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func gatheringRows(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, columns: columns)
        let d = columns
        storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for (r, i) in indices.enumerated() {
                    (dst.baseAddress! + r * d).update(from: src.baseAddress! + i * d, count: d)
                }
            }
        }
        return out
    }
}

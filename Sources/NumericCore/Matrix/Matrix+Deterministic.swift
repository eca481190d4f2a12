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
                    // Aᵢᵀ·Aᵢ straight from the block's rows in place (SYRK: the upper triangle, half a GEMM's work).
                    slots.value[b].storage.withUnsafeMutableBufferPointer { c in
                        BLASRuntime.singleThreaded {
                            Scalar._syrk(trans: true, n: n, k: Int32(count), alpha: 1,
                                         a: source.value.baseAddress! + start * columns, lda: ld,
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
        // Mirror the upper triangle into the lower.
        total.withUnsafeMutableBufferPointer { t in
            for i in 0..<columns { for j in 0..<i { t[i * columns + j] = t[j * columns + i] } }
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
        let k = try blasIndex(columns, "gemm")
        let lda = try blasIndex(columns, "gemm"), ldb = try blasIndex(Swift.max(1, other.columns), "gemm"), ldc = try blasIndex(outColumns, "gemm")
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    let (sa, sb, sc) = (UncheckedSendable(a), UncheckedSendable(b), UncheckedSendable(c))
                    Parallel.forEach(count: blocks) { block in
                        let start = block * Self.deterministicBlockRows, count = Swift.min(rows, start + Self.deterministicBlockRows) - start
                        BLASRuntime.singleThreaded {
                            Self.blockProduct(rows: count, a: sa.value.baseAddress! + start * columns, lda: lda, inner: k,
                                              b: sb.value.baseAddress!, ldb: ldb, transposingB: transposingOther, outColumns: ldc,
                                              into: sc.value.baseAddress! + start * outColumns)
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
    /// (SVQB, Stathopoulos & Wu 2002): with AᵀA = VΛVᵀ, A·V·Λ^(−1/2) has orthonormal columns.
    /// Built from `gram()` and in-place row-block products, so it is thread-count invariant, runs
    /// at GEMM speed on tall sketches (where Householder QR of a 10⁶ × 110 matrix is bound by
    /// matrix–vector traffic) and needs no second m × l matrix. A second pass (the default)
    /// restores orthogonality lost to rounding (κ up to ~10⁸); one pass is enough to keep power
    /// iterations well conditioned. A numerically rank-deficient matrix (an eigenvalue below
    /// 10⁻⁴·ulp·λmax) falls back to Householder QR on one BLAS thread, which handles it exactly.
    /// Consuming: a temporary sketch is orthonormalised in its own storage, with no copy.
    public consuming func orthonormalBasis(passes: Int = 2) throws -> Matrix {
        guard rows > 0, columns > 0 else { return self }
        var q = consume self
        for _ in 0..<Swift.max(1, passes) where try !q.svqbPass(unlessConditionBelow: nil) {
            // q spans the input's column space (earlier passes multiplied by invertible matrices).
            let current = q
            return try BLASRuntime.singleThreaded { try current.orthonormalColumns() }
        }
        return q
    }

    /// A basis of the same column space with condition number below `maxCondition`: the matrix
    /// itself when it already is one (its Gram eigenvalues tell), else one SVQB pass. The sketches
    /// between power iterations need their range kept intact in floating point, not orthonormal
    /// columns — any invertible mix of the columns spans the same range — so a well-conditioned
    /// sketch skips the pass's m × l × l product. Scales far from 1 (|λ| outside 10^±12) get
    /// the pass too, so repeated products cannot overflow.
    public consuming func wellConditionedBasis(maxCondition: Double = 100) throws -> Matrix {
        guard rows > 0, columns > 0 else { return self }
        var q = consume self
        guard try q.svqbPass(unlessConditionBelow: maxCondition) else {
            let current = q
            return try BLASRuntime.singleThreaded { try current.orthonormalColumns() }
        }
        return q
    }

    /// One SVQB pass in place, skipped when the condition number is below `condition` (nil: never
    /// skipped). False, with nothing done, when the columns are numerically rank-deficient: an
    /// eigenvalue below 10⁻⁴ ulp of the largest (10⁻²⁰ in Double, 10⁻¹¹ in Float).
    private mutating func svqbPass(unlessConditionBelow condition: Double?) throws -> Bool {
        let width = columns
        let g = try gram()
        let (values, vectors) = try BLASRuntime.singleThreaded { try g.symmetricEigen() }
        let top = values.max() ?? 0, bottom = values.min() ?? 0
        guard top > 0, bottom > top * Scalar.ulpOfOne * Scalar(1e-4 as Double) else { return false }
        if let condition, Double(top) < condition * condition * Double(bottom), Double(top) > 1e-12, Double(top) < 1e12 { return true }
        var scaled = vectors
        for j in 0..<width {
            let s = 1 / values[j].squareRoot()
            for i in 0..<width { scaled[i, j] *= s }
        }
        try multiplyByRowBlocksInPlace(by: scaled)
        return true
    }

    /// self ← self·B for a square B (columns × columns), block by block through a small buffer.
    public mutating func multiplyByRowBlocksInPlace(by other: Matrix) throws {
        guard other.rows == columns, other.columns == columns else {
            throw ShapeError.incompatible(operation: "in-place product", lhs: Shape(rows, columns), rhs: Shape(other.rows, other.columns))
        }
        guard rows > 0, columns > 0 else { return }
        let blocks = Swift.max(1, (rows + Self.deterministicBlockRows - 1) / Self.deterministicBlockRows)
        let d = try blasIndex(columns, "gemm")
        let width = columns, height = rows
        storage.withUnsafeMutableBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                let (sa, sb) = (UncheckedSendable(a), UncheckedSendable(b))
                Parallel.forEach(count: blocks) { block in
                    let start = block * Self.deterministicBlockRows, count = Swift.min(height, start + Self.deterministicBlockRows) - start
                    let rowsStart = sa.value.baseAddress! + start * width
                    let temp = UnsafeMutablePointer<Scalar>.allocate(capacity: count * width)
                    defer { temp.deallocate() }
                    BLASRuntime.singleThreaded {
                        Scalar._gemm(transA: false, transB: false, m: Int32(count), n: d, k: d, alpha: 1,
                                     a: rowsStart, lda: d, b: sb.value.baseAddress!, ldb: d, beta: 0, c: temp, ldc: d)
                    }
                    rowsStart.update(from: temp, count: count * width)
                }
            }
        }
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

extension Matrix {
    /// The fixed number of row chunks `streamRowBlockProducts` splits `rows` rows into (at most 64):
    /// a function of the size only, so per-chunk partial sums reduce identically on any thread count.
    public static func rowChunkCount(_ rows: Int) -> Int {
        Swift.max(1, Swift.min(64, (rows + deterministicBlockRows - 1) / deterministicBlockRows))
    }

    /// Streams A·B (or A·Bᵀ) to `body` a block of rows at a time, without forming the whole
    /// product: each of `rowChunkCount(rows)` chunks of rows runs on one thread (chunks in
    /// parallel) and hands `body` its rows in order, ≤ 512 at a time, with their product rows
    /// (row-major, `rows.count × outColumns`, valid only during the call). For consumers that
    /// reduce each product row at once (nearest centre, best score), this keeps the n × k product
    /// out of memory and hot in cache. `body` may run concurrently for different chunks.
    public func streamRowBlockProducts(
        by other: Matrix, transposingOther: Bool = false,
        _ body: (_ chunk: Int, _ rows: Range<Int>, _ product: UnsafeBufferPointer<Scalar>) -> Void
    ) throws {
        let outColumns = transposingOther ? other.rows : other.columns
        guard (transposingOther ? other.columns : other.rows) == columns else {
            throw ShapeError.incompatible(operation: "row-block product", lhs: shape, rhs: other.shape)
        }
        guard rows > 0, outColumns > 0 else { return }
        let n = try blasIndex(outColumns, "gemm"), k = try blasIndex(columns, "gemm")
        let lda = try blasIndex(Swift.max(1, columns), "gemm"), ldb = try blasIndex(Swift.max(1, other.columns), "gemm")
        let chunks = Self.rowChunkCount(rows), total = rows, width = columns, block = Self.deterministicBlockRows
        withoutActuallyEscaping(body) { body in
            let consumer = UncheckedSendable(body)
            storage.withUnsafeBufferPointer { a in
                other.storage.withUnsafeBufferPointer { b in
                    let (sa, sb) = (UncheckedSendable(a), UncheckedSendable(b))
                    Parallel.forEach(count: chunks) { chunk in
                        let range = Self.chunkRows(chunk, of: chunks, total: total)
                        let temp = UnsafeMutablePointer<Scalar>.allocate(capacity: block * outColumns)
                        defer { temp.deallocate() }
                        var start = range.lowerBound
                        while start < range.upperBound {
                            let count = Swift.min(block, range.upperBound - start)
                            BLASRuntime.singleThreaded {
                                Self.blockProduct(rows: count, a: sa.value.baseAddress! + start * width, lda: lda, inner: k,
                                                  b: sb.value.baseAddress!, ldb: ldb, transposingB: transposingOther, outColumns: n, into: temp)
                            }
                            consumer.value(chunk, start..<(start + count), UnsafeBufferPointer(start: temp, count: count * outColumns))
                            start += count
                        }
                    }
                }
            }
        }
    }

    /// C (rows × outColumns, row-major, ldc = outColumns) = A·op(B) for one block on the calling
    /// thread. Against few rows of B a GEMM's time goes to packing the tall operand: in single
    /// precision, up to 64 of them (k-means centres, k-means++ candidates, 2-means) go to
    /// `CentreProducts`; in double precision with ≤ 4, each column is a GEMV that streams A once
    /// and writes its strided column of C in place.
    @usableFromInline
    static func blockProduct(rows: Int, a: UnsafePointer<Scalar>, lda: Int32, inner: Int32, b: UnsafePointer<Scalar>, ldb: Int32,
                             transposingB: Bool, outColumns: Int32, into c: UnsafeMutablePointer<Scalar>) {
        if inner == 0 {
            c.update(repeating: 0, count: rows * Int(outColumns))
        } else if transposingB && Scalar.self == Float.self && outColumns <= CentreProducts.maximumColumns {
            CentreProducts.multiply(rows: rows, a: UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), lda: Int(lda), inner: Int(inner),
                                    b: UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), ldb: Int(ldb), columns: Int(outColumns),
                                    into: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self))
        } else if outColumns <= 4 {
            for j in 0..<Int(outColumns) {
                // Column j of op(B): row j of B (contiguous) when transposed, else column j (stride ldb).
                let x = transposingB ? b + j * Int(ldb) : b + j
                Scalar._gemv(trans: false, m: Int32(rows), n: inner, alpha: 1, a: a, lda: lda, x: x, incx: transposingB ? 1 : ldb,
                             beta: 0, y: c + j, incy: outColumns)
            }
        } else {
            Scalar._gemm(transA: false, transB: transposingB, m: Int32(rows), n: outColumns, k: inner, alpha: 1,
                         a: a, lda: lda, b: b, ldb: ldb, beta: 0, c: c, ldc: outColumns)
        }
    }

    /// Rows of chunk `c` of `chunks` over `total` rows: contiguous, whole 512-row blocks where possible.
    static func chunkRows(_ c: Int, of chunks: Int, total: Int) -> Range<Int> {
        let blocks = (total + deterministicBlockRows - 1) / deterministicBlockRows
        let first = c * blocks / chunks, last = (c + 1) * blocks / chunks
        return Swift.min(total, first * deterministicBlockRows)..<Swift.min(total, last * deterministicBlockRows)
    }
}

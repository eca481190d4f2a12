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
        var partials = [Matrix](repeating: Matrix(rows: 0, columns: 0), count: blocks)
        try partials.withUnsafeMutableBufferPointer { out in
            let slots = UncheckedSendable(out)
            var failure: Error?
            Parallel.forEach(count: blocks) { b in
                let start = b * Self.deterministicBlockRows, end = Swift.min(rows, start + Self.deterministicBlockRows)
                let block = self.rowBlock(start..<end)
                do {
                    slots.value[b] = try BLASRuntime.singleThreaded { try block.multiplied(by: block, transposingSelf: true) }
                } catch { failure = error }
            }
            if let failure { throw failure }
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
        let blocks = Swift.max(1, (rows + Self.deterministicBlockRows - 1) / Self.deterministicBlockRows)
        var failure: Error?
        result.withUnsafeMutableBufferPointer { out in
            let target = UncheckedSendable(out)
            Parallel.forEach(count: blocks) { b in
                let start = b * Self.deterministicBlockRows, end = Swift.min(rows, start + Self.deterministicBlockRows)
                do {
                    let product = try BLASRuntime.singleThreaded { try self.rowBlock(start..<end).multiplied(by: other, transposingOther: transposingOther) }
                    product.withUnsafeBufferPointer { p in
                        for i in 0..<p.count { target.value[start * outColumns + i] = p[i] }
                    }
                } catch { failure = error }
            }
        }
        if let failure { throw failure }
        return result
    }

    /// Rows `range` as a new matrix.
    func rowBlock(_ range: Range<Int>) -> Matrix {
        var block = Matrix(rows: range.count, columns: columns)
        withUnsafeBufferPointer { src in
            block.withUnsafeMutableBufferPointer { dst in
                for i in 0..<(range.count * columns) { dst[i] = src[range.lowerBound * columns + i] }
            }
        }
        return block
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

extension SparseMatrix {
    /// Row blocks holding about equal numbers of stored entries, for parallel kernels.
    ///
    /// The block count depends only on nnz and rows, never on the thread count; each output row is
    /// computed by one block with a fixed summation order, so results are bit-identical on any
    /// number of threads.
    @usableFromInline
    func balancedRowBlocks(targetEntriesPerBlock: Int) -> [Int] {
        let blocks = Swift.max(1, Swift.min(rows, Swift.min(4096, values.count / Swift.max(1, targetEntriesPerBlock))))
        var bounds = [0]
        bounds.reserveCapacity(blocks + 1)
        let nnz = values.count
        for b in 1..<blocks {
            // First row whose start offset reaches b/blocks of the entries.
            let target = nnz * b / blocks
            var lo = bounds.last!, hi = rows
            while lo < hi {
                let mid = (lo + hi) / 2
                if rowOffsets[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            if lo > bounds.last! && lo < rows { bounds.append(lo) }
        }
        bounds.append(rows)
        return bounds
    }

    /// y = A·x (SpMV), parallel over row blocks. O(nnz).
    public func multiplied(by x: [Scalar]) throws -> [Scalar] {
        var y = [Scalar](repeating: 0, count: rows)
        try multiply(x, into: &y)
        return y
    }

    /// y ← A·x into an existing buffer, so that iterative callers allocate nothing per step.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func multiply(_ x: [Scalar], into y: inout [Scalar]) throws {
        guard x.count == columns else {
            throw ShapeError.incompatible(operation: "SpMV(A·x)", lhs: shape, rhs: Shape(x.count, 1))
        }
        guard y.count == rows else {
            throw ShapeError.incompatible(operation: "SpMV output", lhs: Shape(rows, 1), rhs: Shape(y.count, 1))
        }
        let bounds = balancedRowBlocks(targetEntriesPerBlock: 1 << 15)
        rowOffsets.withUnsafeBufferPointer { offsets in
            columnIndices.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    x.withUnsafeBufferPointer { xp in
                        y.withUnsafeMutableBufferPointer { yp in
                            let out = UncheckedSendable(yp)
                            Parallel.forEachChunk(count: bounds.count - 1, grain: 1) { _, blockRange in
                                for b in blockRange {
                                    for i in bounds[b]..<bounds[b + 1] {
                                        var sum: Scalar = 0
                                        for p in offsets[i]..<offsets[i + 1] { sum += vals[p] * xp[Int(cols[p])] }
                                        out.value[i] = sum
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Y = A·X for a dense X with many columns (SpMM), parallel over row blocks. O(nnz · X.columns).
    public func multiplied(by x: Matrix<Scalar>) throws -> Matrix<Scalar> {
        var y = Matrix<Scalar>(rows: rows, columns: x.columns)
        try multiply(x, into: &y)
        return y
    }

    /// Y ← A·X into an existing matrix.
    ///
    /// Each output row is a sum of rows of X scaled by the row's entries, accumulated in place in
    /// the (L1-resident) output row: the inner loop over X's columns is contiguous and vectorises.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func multiply(_ x: Matrix<Scalar>, into y: inout Matrix<Scalar>) throws {
        guard x.rows == columns else {
            throw ShapeError.incompatible(operation: "SpMM(A·X)", lhs: shape, rhs: x.shape)
        }
        guard y.rows == rows, y.columns == x.columns else {
            throw ShapeError.incompatible(operation: "SpMM output", lhs: Shape(rows, x.columns), rhs: y.shape)
        }
        let k = x.columns
        if k == 0 || rows == 0 { return }
        let bounds = balancedRowBlocks(targetEntriesPerBlock: Swift.max(256, (1 << 16) / k))
        rowOffsets.withUnsafeBufferPointer { offsets in
            columnIndices.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    x.withUnsafeBufferPointer { xp in
                        y.withUnsafeMutableBufferPointer { yp in
                            let out = UncheckedSendable(yp.baseAddress!)
                            let input = xp.baseAddress!
                            Parallel.forEachChunk(count: bounds.count - 1, grain: 1) { _, blockRange in
                                for b in blockRange {
                                    for i in bounds[b]..<bounds[b + 1] {
                                        let yRow = out.value + i * k
                                        yRow.update(repeating: 0, count: k)
                                        for p in offsets[i]..<offsets[i + 1] {
                                            let v = vals[p]
                                            let xRow = input + Int(cols[p]) * k
                                            for c in 0..<k { yRow[c] += v * xRow[c] }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

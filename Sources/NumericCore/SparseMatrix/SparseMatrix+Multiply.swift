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
    /// Register-blocked: for each row and each 16-column block of the output, the partial sums stay
    /// in SIMD registers while the row's entries stream by, so the inner loop only loads rows of X
    /// (no load/store of Y per entry). Columns left over after the 16-blocks go in 4-blocks, then
    /// singly. Each output element is summed in entry order whatever the thread count.
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
                            let input = UnsafeRawPointer(xp.baseAddress!)
                            let stride = k * MemoryLayout<Scalar>.stride
                            Parallel.forEachChunk(count: bounds.count - 1, grain: 1) { _, blockRange in
                                for b in blockRange {
                                    for i in bounds[b]..<bounds[b + 1] {
                                        let entries = offsets[i]..<offsets[i + 1]
                                        let yRow = UnsafeMutableRawPointer(out.value + i * k)
                                        var c = 0
                                        while c + 16 <= k {
                                            Self.accumulate(SIMD16<Scalar>.self, entries, cols, vals, input, stride, yRow, c)
                                            c += 16
                                        }
                                        while c + 4 <= k {
                                            Self.accumulate(SIMD4<Scalar>.self, entries, cols, vals, input, stride, yRow, c)
                                            c += 4
                                        }
                                        while c < k {
                                            var acc: Scalar = 0
                                            for p in entries {
                                                acc += vals[p] * (input + Int(cols[p]) * stride).load(
                                                    fromByteOffset: c * MemoryLayout<Scalar>.stride, as: Scalar.self)
                                            }
                                            yRow.storeBytes(of: acc, toByteOffset: c * MemoryLayout<Scalar>.stride, as: Scalar.self)
                                            c += 1
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

    /// One register block of an output row: Σ over the row's entries of value × X[column, c..<c+width],
    /// accumulated in a SIMD register and stored once.
    @inline(__always)
    static func accumulate<V: SIMD>(
        _: V.Type, _ entries: Range<Int>, _ cols: UnsafeBufferPointer<UInt32>, _ vals: UnsafeBufferPointer<Scalar>,
        _ input: UnsafeRawPointer, _ stride: Int, _ yRow: UnsafeMutableRawPointer, _ c: Int
    ) where V.Scalar == Scalar {
        let offset = c * MemoryLayout<Scalar>.stride
        var acc = V()
        for p in entries {
            acc += V(repeating: vals[p]) * (input + Int(cols[p]) * stride + offset).loadUnaligned(as: V.self)
        }
        yRow.storeBytes(of: acc, toByteOffset: offset, as: V.self)
    }
}

extension SparseMatrix {
    /// The transpose in CSR form (equivalently, this matrix in CSC form), by one counting sort:
    /// O(nnz + rows + columns). Rows of the result come out with sorted columns.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func transposed() -> SparseMatrix {
        let nnz = values.count
        var offsets = [Int](repeating: 0, count: columns + 1)
        for c in columnIndices { offsets[Int(c) + 1] += 1 }
        for c in 0..<columns { offsets[c + 1] += offsets[c] }
        var outColumns = [UInt32](repeating: 0, count: nnz)
        var outValues = [Scalar](repeating: 0, count: nnz)
        var cursor = offsets
        for i in 0..<rows {
            for p in rowOffsets[i]..<rowOffsets[i + 1] {
                let c = Int(columnIndices[p])
                let q = cursor[c]
                outColumns[q] = UInt32(i)
                outValues[q] = values[p]
                cursor[c] = q + 1
            }
        }
        return SparseMatrix(uncheckedRows: columns, columns: rows, rowOffsets: offsets, columnIndices: outColumns, values: outValues)
    }
}

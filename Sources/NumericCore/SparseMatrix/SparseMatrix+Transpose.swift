extension SparseMatrix {
    /// The transpose in CSR form (equivalently, this matrix in CSC form), by one counting sort:
    /// O(nnz + rows + columns). Rows of the result come out with sorted columns.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func transposed() -> SparseMatrix {
        let t = CompressedRows.transpose(rows: rows, columns: columns, offsets: rowOffsets, columnIndices: columnIndices)
        return SparseMatrix(uncheckedRows: columns, columns: rows, rowOffsets: t.offsets, columnIndices: t.columnIndices,
                            values: t.source.map { values[$0] })
    }
}

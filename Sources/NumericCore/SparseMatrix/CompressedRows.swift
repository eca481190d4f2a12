/// Stable counting sorts that give compressed-row (CSR) structure to lists of entries:
/// O(entries + rows + columns), no comparisons. Shared by `SparseMatrix` and the graph builder.
public enum CompressedRows {
    /// Row offsets and the permutation that orders entries by (row, column); entries with equal keys
    /// keep their input order (duplicates can then be merged first-wins or last-wins).
    @inlinable
    public static func order<R: BinaryInteger, C: BinaryInteger>(
        rows: Int, columns: Int, rowIndices: [R], columnIndices: [C]
    ) -> (offsets: [Int], order: [Int]) {
        let m = rowIndices.count
        // By column first, then stably by row: columns end up sorted within each row.
        var byColumn = [Int](repeating: 0, count: m)
        var cursor = [Int](repeating: 0, count: columns + 1)
        for c in columnIndices { cursor[Int(c) + 1] += 1 }
        for c in 0..<columns { cursor[c + 1] += cursor[c] }
        for p in 0..<m {
            let c = Int(columnIndices[p])
            byColumn[cursor[c]] = p
            cursor[c] += 1
        }
        var offsets = [Int](repeating: 0, count: rows + 1)
        for r in rowIndices { offsets[Int(r) + 1] += 1 }
        for r in 0..<rows { offsets[r + 1] += offsets[r] }
        var rowCursor = offsets
        var order = [Int](repeating: 0, count: m)
        for p in byColumn {
            let r = Int(rowIndices[p])
            order[rowCursor[r]] = p
            rowCursor[r] += 1
        }
        return (offsets, order)
    }

    /// The structure of the transpose of a CSR matrix: its row offsets, each transposed entry's
    /// column (the source row) and its position in the source arrays. Rows come out sorted.
    @inlinable
    public static func transpose<C: BinaryInteger>(
        rows: Int, columns: Int, offsets: [Int], columnIndices: [C]
    ) -> (offsets: [Int], columnIndices: [UInt32], source: [Int]) {
        let m = columnIndices.count
        var transposedOffsets = [Int](repeating: 0, count: columns + 1)
        for c in columnIndices { transposedOffsets[Int(c) + 1] += 1 }
        for c in 0..<columns { transposedOffsets[c + 1] += transposedOffsets[c] }
        var cursor = transposedOffsets
        var sourceRows = [UInt32](repeating: 0, count: m)
        var source = [Int](repeating: 0, count: m)
        for r in 0..<rows {
            for p in offsets[r]..<offsets[r + 1] {
                let c = Int(columnIndices[p])
                let q = cursor[c]
                sourceRows[q] = UInt32(r)
                source[q] = p
                cursor[c] = q + 1
            }
        }
        return (transposedOffsets, sourceRows, source)
    }
}

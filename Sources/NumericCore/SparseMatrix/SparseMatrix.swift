/// A sparse matrix in compressed sparse row (CSR) form, with 32-bit column indices.
///
/// Row i's entries are `values[rowOffsets[i]..<rowOffsets[i+1]]` at columns
/// `columnIndices[…]`, sorted and unique within a row. Storage: 8·(rows + 1) bytes of offsets plus
/// 4 + `MemoryLayout<Scalar>.size` bytes per stored entry.
public struct SparseMatrix<Scalar: BLASScalar>: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    @usableFromInline internal var rowOffsets: [Int]
    @usableFromInline internal var columnIndices: [UInt32]
    @usableFromInline internal var values: [Scalar]

    /// A CSR matrix from its three arrays, checked: offsets non-decreasing from 0 to nnz, columns in
    /// range and strictly increasing within each row.
    public init(rows: Int, columns: Int, rowOffsets: [Int], columnIndices: [UInt32], values: [Scalar]) throws {
        guard rows >= 0 else { throw ShapeError.invalidDimension(name: "rows", value: rows, allowed: "≥ 0") }
        guard columns >= 0, columns <= Int(UInt32.max) else {
            throw ShapeError.invalidDimension(name: "columns", value: columns, allowed: "0…\(UInt32.max)")
        }
        guard rowOffsets.count == rows + 1 else {
            throw ShapeError.elementCount(shape: Shape(rows, columns), expected: rows + 1, actual: rowOffsets.count)
        }
        guard columnIndices.count == values.count, rowOffsets.first == 0, rowOffsets.last == values.count else {
            throw ShapeError.elementCount(shape: Shape(rows, columns), expected: rowOffsets.last ?? 0, actual: values.count)
        }
        for i in 0..<rows {
            guard rowOffsets[i] <= rowOffsets[i + 1] else {
                throw ShapeError.invalidDimension(name: "rowOffsets[\(i + 1)]", value: rowOffsets[i + 1], allowed: "≥ \(rowOffsets[i])")
            }
            var previous = -1
            for p in rowOffsets[i]..<rowOffsets[i + 1] {
                let c = Int(columnIndices[p])
                guard c < columns else { throw ShapeError.entryOutOfRange(row: i, column: c, shape: Shape(rows, columns)) }
                guard c > previous else {
                    throw ShapeError.invalidDimension(name: "column index in row \(i)", value: c, allowed: "strictly increasing within a row")
                }
                previous = c
            }
        }
        self.rows = rows
        self.columns = columns
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.values = values
    }

    /// Trusted construction for kernels that produce valid CSR by construction.
    @usableFromInline
    init(uncheckedRows rows: Int, columns: Int, rowOffsets: [Int], columnIndices: [UInt32], values: [Scalar]) {
        self.rows = rows
        self.columns = columns
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.values = values
    }

    /// A CSR matrix from coordinate (COO) triplets; duplicate (row, column) entries are summed.
    ///
    /// Sorted by `CompressedRows.order`: O(nnz + rows + columns) with no comparisons.
    public init(rows: Int, columns: Int, rowIndices: [Int], columnIndices: [Int], values: [Scalar]) throws {
        guard rowIndices.count == columnIndices.count, rowIndices.count == values.count else {
            throw ShapeError.incompatible(operation: "COO triplets", lhs: Shape(rowIndices.count, 1), rhs: Shape(values.count, 1))
        }
        guard rows >= 0, columns >= 0, columns <= Int(UInt32.max) else {
            throw ShapeError.invalidDimension(name: "columns", value: columns, allowed: "0…\(UInt32.max)")
        }
        let nnz = values.count
        for p in 0..<nnz where rowIndices[p] < 0 || rowIndices[p] >= rows || columnIndices[p] < 0 || columnIndices[p] >= columns {
            throw ShapeError.entryOutOfRange(row: rowIndices[p], column: columnIndices[p], shape: Shape(rows, columns))
        }
        let (offsets, order) = CompressedRows.order(rows: rows, columns: columns, rowIndices: rowIndices,
                                                    columnIndices: columnIndices)
        // Merge duplicates (adjacent after sorting).
        var outColumns = [UInt32](repeating: 0, count: nnz)
        var outValues = [Scalar](repeating: 0, count: nnz)
        var outOffsets = [Int](repeating: 0, count: rows + 1)
        var w = 0
        for r in 0..<rows {
            let rowStart = w
            for q in offsets[r]..<offsets[r + 1] {
                let p = order[q]
                let c = UInt32(columnIndices[p])
                if w > rowStart && outColumns[w - 1] == c {
                    outValues[w - 1] += values[p]
                } else {
                    outColumns[w] = c
                    outValues[w] = values[p]
                    w += 1
                }
            }
            outOffsets[r + 1] = w
        }
        outColumns.removeLast(nnz - w)
        outValues.removeLast(nnz - w)
        self.init(uncheckedRows: rows, columns: columns, rowOffsets: outOffsets, columnIndices: outColumns, values: outValues)
    }

    /// The sparse form of a dense matrix, keeping entries that are not exactly zero.
    public init(_ dense: Matrix<Scalar>) {
        var offsets = [0]
        offsets.reserveCapacity(dense.rows + 1)
        var cols: [UInt32] = []
        var vals: [Scalar] = []
        for i in 0..<dense.rows {
            for j in 0..<dense.columns where dense[i, j] != 0 {
                cols.append(UInt32(j))
                vals.append(dense[i, j])
            }
            offsets.append(vals.count)
        }
        self.init(uncheckedRows: dense.rows, columns: dense.columns, rowOffsets: offsets, columnIndices: cols, values: vals)
    }

    public var shape: Shape { Shape(rows, columns) }
    public var nonzeroCount: Int { values.count }

    /// Bytes held by the three arrays.
    public var storageBytes: Int {
        rowOffsets.count * MemoryLayout<Int>.stride + columnIndices.count * 4 + values.count * MemoryLayout<Scalar>.stride
    }

    /// The CSR arrays, read-only.
    public var csrRowOffsets: [Int] { rowOffsets }
    public var csrColumnIndices: [UInt32] { columnIndices }
    public var csrValues: [Scalar] { values }

    /// The stored entries of row i.
    public func row(_ i: Int) -> (columns: ArraySlice<UInt32>, values: ArraySlice<Scalar>) {
        let range = rowOffsets[i]..<rowOffsets[i + 1]
        return (columnIndices[range], values[range])
    }

    /// Element (i, j), zero when not stored. O(log of the row length).
    public subscript(i: Int, j: Int) -> Scalar {
        var lo = rowOffsets[i], hi = rowOffsets[i + 1]
        let target = UInt32(j)
        while lo < hi {
            let mid = (lo + hi) / 2
            if columnIndices[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < rowOffsets[i + 1] && columnIndices[lo] == target ? values[lo] : 0
    }

    /// The dense equivalent, for tests and small matrices.
    public func toDense() -> Matrix<Scalar> {
        var dense = Matrix<Scalar>(rows: rows, columns: columns)
        for i in 0..<rows {
            for p in rowOffsets[i]..<rowOffsets[i + 1] { dense[i, Int(columnIndices[p])] = values[p] }
        }
        return dense
    }
}

extension SparseMatrix {
    /// The rows at `indices`, in that order, as a new CSR matrix (for fitting on a sample of rows).
    public func gatheringRows(_ indices: [Int]) -> SparseMatrix {
        var offsets = [Int](repeating: 0, count: indices.count + 1)
        for (r, i) in indices.enumerated() { offsets[r + 1] = offsets[r] + rowOffsets[i + 1] - rowOffsets[i] }
        var cols = [UInt32](repeating: 0, count: offsets[indices.count])
        var vals = [Scalar](repeating: 0, count: offsets[indices.count])
        for (r, i) in indices.enumerated() {
            let start = rowOffsets[i], count = rowOffsets[i + 1] - start
            for p in 0..<count {
                cols[offsets[r] + p] = columnIndices[start + p]
                vals[offsets[r] + p] = values[start + p]
            }
        }
        return SparseMatrix(uncheckedRows: indices.count, columns: columns, rowOffsets: offsets, columnIndices: cols, values: vals)
    }
}

extension SparseMatrix {
    /// The matrix without its all-zero columns, and the original index of each kept column (a
    /// sample of rows uses part of a vocabulary: the rest need no singular-vector entries).
    public func droppingEmptyColumns() -> (matrix: SparseMatrix, kept: [Int]) {
        var used = [Bool](repeating: false, count: columns)
        for c in columnIndices { used[Int(c)] = true }
        var newIndex = [UInt32](repeating: 0, count: columns), kept: [Int] = []
        for c in 0..<columns where used[c] {
            newIndex[c] = UInt32(kept.count)
            kept.append(c)
        }
        let remapped = columnIndices.map { newIndex[Int($0)] }
        return (SparseMatrix(uncheckedRows: rows, columns: kept.count, rowOffsets: rowOffsets, columnIndices: remapped, values: values), kept)
    }
}

extension SparseMatrix {
    /// The same matrix with values in another precision; the structure arrays are shared, not copied.
    @inlinable
    public func converted<Other: BLASScalar>(to _: Other.Type = Other.self) -> SparseMatrix<Other> {
        SparseMatrix<Other>(uncheckedRows: rows, columns: columns, rowOffsets: rowOffsets, columnIndices: columnIndices,
                            values: convertedElements(values))
    }
}

extension Matrix {
    /// The transpose, copied in 32×32 tiles so both reads and writes stay in cache.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        let tile = 32
        let (m, n) = (rows, columns)
        storage.withUnsafeBufferPointer { src in
            result.storage.withUnsafeMutableBufferPointer { dst in
                for i0 in stride(from: 0, to: m, by: tile) {
                    for j0 in stride(from: 0, to: n, by: tile) {
                        for i in i0..<Swift.min(i0 + tile, m) {
                            for j in j0..<Swift.min(j0 + tile, n) { dst[j * m + i] = src[i * n + j] }
                        }
                    }
                }
            }
        }
        return result
    }
}

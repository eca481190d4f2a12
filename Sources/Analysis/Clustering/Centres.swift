import NumericCore

/// Cluster centres from labelled rows (Float or Double), accumulated in Double in row order on raw buffers.
enum Centres {
    /// The sum of the rows carrying each label (count × d).
    static func sums<S: BLASScalar>(_ x: Matrix<S>, labels: [Int], count k: Int) -> Matrix<Double> {
        let n = x.rows, d = x.columns
        var sums = Matrix<Double>(rows: k, columns: d)
        x.withUnsafeBufferPointer { xs in
            sums.withUnsafeMutableBufferPointer { c in
                // Row pointers, so the inner loop is a plain vectorisable axpy.
                for i in 0..<n {
                    let row = xs.baseAddress! + i * d, sum = c.baseAddress! + labels[i] * d
                    for j in 0..<d { sum[j] += Double(row[j]) }
                }
            }
        }
        return sums
    }

    /// Each label's mean direction, scaled to unit length (a label with no rows stays zero).
    static func directions<S: BLASScalar>(_ x: Matrix<S>, labels: [Int], count k: Int) -> Matrix<Double> {
        var c = sums(x, labels: labels, count: k)
        let d = x.columns
        c.withUnsafeMutableBufferPointer { b in
            for r in 0..<k {
                var s = 0.0
                for j in 0..<d { s += b[r * d + j] * b[r * d + j] }
                let norm = max(s.squareRoot(), 1e-300)
                for j in 0..<d { b[r * d + j] /= norm }
            }
        }
        return c
    }
}

/// Per-column count, mean, variance, minimum and maximum of a matrix.
///
/// Two passes (mean, then centred squares) accumulated in Double, which keeps Float input accurate
/// and avoids the cancellation of the one-pass Σx² − n·x̄² formula.
public struct ColumnStatistics: Sendable, Equatable {
    public let count: Int
    public let mean: [Double]
    /// Σ (x − x̄)² per column.
    public let centredSumOfSquares: [Double]
    public let minimum: [Double]
    public let maximum: [Double]

    /// Parallel over row chunks whose bounds depend only on the row count; each chunk's partial
    /// sums are combined in chunk order, so the result does not depend on the thread count.
    /// (Opinion dynamics summarises an n × R batch of replicates with it at every step, so it is
    /// specialised for both scalars: an unspecialised generic loop is ten times slower.)
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init<Scalar: BLASScalar>(_ matrix: Matrix<Scalar>) {
        let (m, n) = (matrix.rows, matrix.columns)
        let chunks = Parallel.chunkCount(count: m, grain: 4096)
        var partial = [Double](repeating: 0, count: chunks * n)
        var partialLow = [Double](repeating: .infinity, count: chunks * n)
        var partialHigh = [Double](repeating: -.infinity, count: chunks * n)
        /// Per chunk: Σ x (and min, max), or Σ (x − centre)² when a centre is given.
        func columnSums(centredOn centre: [Double]?) -> [Double] {
            matrix.withUnsafeBufferPointer { a in
            partial.withUnsafeMutableBufferPointer { partial in
            partialLow.withUnsafeMutableBufferPointer { low in
            partialHigh.withUnsafeMutableBufferPointer { high in
                let shared = UncheckedSendable((a, partial, low, high))
                Parallel.forEachChunk(count: chunks, grain: 1) { _, chunkRange in
                    let (a, partial, low, high) = shared.value
                    for c in chunkRange {
                        let base = c * n
                        for j in 0..<n { partial[base + j] = 0 }
                        for i in Parallel.chunkRange(c, chunks: chunks, count: m) {
                            if let centre {
                                for j in 0..<n {
                                    let d = Double(a[i * n + j]) - centre[j]
                                    partial[base + j] += d * d
                                }
                            } else {
                                for j in 0..<n {
                                    let v = Double(a[i * n + j])
                                    partial[base + j] += v
                                    low[base + j] = Swift.min(low[base + j], v)
                                    high[base + j] = Swift.max(high[base + j], v)
                                }
                            }
                        }
                    }
                }
            }
            }
            }
            }
            var total = [Double](repeating: 0, count: n)
            for c in 0..<chunks { for j in 0..<n { total[j] += partial[c * n + j] } }
            return total
        }
        let sum = columnSums(centredOn: nil)
        let mean = sum.map { m > 0 ? $0 / Double(m) : .nan }
        let squares = m > 0 ? columnSums(centredOn: mean) : [Double](repeating: 0, count: n)
        var low = [Double](repeating: .infinity, count: n), high = [Double](repeating: -.infinity, count: n)
        for c in 0..<chunks {
            for j in 0..<n {
                low[j] = Swift.min(low[j], partialLow[c * n + j])
                high[j] = Swift.max(high[j], partialHigh[c * n + j])
            }
        }
        count = m
        self.mean = mean
        centredSumOfSquares = squares
        minimum = m > 0 ? low : Array(repeating: .nan, count: n)
        maximum = m > 0 ? high : Array(repeating: .nan, count: n)
    }

    /// Statistics of a sparse matrix's columns, counting the implicit zeros.
    public init<Scalar: BLASScalar>(_ matrix: SparseMatrix<Scalar>) {
        let (m, n) = (matrix.rows, matrix.columns)
        var sum = [Double](repeating: 0, count: n)
        var stored = [Int](repeating: 0, count: n)
        var low = [Double](repeating: .infinity, count: n)
        var high = [Double](repeating: -.infinity, count: n)
        let cols = matrix.csrColumnIndices, vals = matrix.csrValues
        for p in 0..<vals.count {
            let j = Int(cols[p]), v = Double(vals[p])
            sum[j] += v
            stored[j] += 1
            low[j] = Swift.min(low[j], v)
            high[j] = Swift.max(high[j], v)
        }
        let mean = sum.map { m > 0 ? $0 / Double(m) : .nan }
        var squares = [Double](repeating: 0, count: n)
        for p in 0..<vals.count {
            let j = Int(cols[p])
            let d = Double(vals[p]) - mean[j]
            squares[j] += d * d
        }
        for j in 0..<n {
            let zeros = m - stored[j]
            squares[j] += Double(zeros) * mean[j] * mean[j]
            if zeros > 0 {
                low[j] = Swift.min(low[j], 0)
                high[j] = Swift.max(high[j], 0)
            }
        }
        count = m
        self.mean = mean
        centredSumOfSquares = squares
        minimum = m > 0 ? low : Array(repeating: .nan, count: n)
        maximum = m > 0 ? high : Array(repeating: .nan, count: n)
    }

    /// Variance with `ddof` delta degrees of freedom (0: population, 1: sample), as NumPy's `var`.
    public func variance(ddof: Int = 0) -> [Double] {
        centredSumOfSquares.map { count - ddof > 0 ? $0 / Double(count - ddof) : .nan }
    }

    public func standardDeviation(ddof: Int = 0) -> [Double] {
        variance(ddof: ddof).map { $0.squareRoot() }
    }
}

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

    public init<Scalar: BLASScalar>(_ matrix: Matrix<Scalar>) {
        let (m, n) = (matrix.rows, matrix.columns)
        var sum = [Double](repeating: 0, count: n)
        var low = [Double](repeating: .infinity, count: n)
        var high = [Double](repeating: -.infinity, count: n)
        matrix.withUnsafeBufferPointer { a in
            for i in 0..<m {
                for j in 0..<n {
                    let v = Double(a[i * n + j])
                    sum[j] += v
                    low[j] = Swift.min(low[j], v)
                    high[j] = Swift.max(high[j], v)
                }
            }
        }
        let mean = sum.map { m > 0 ? $0 / Double(m) : .nan }
        var squares = [Double](repeating: 0, count: n)
        matrix.withUnsafeBufferPointer { a in
            for i in 0..<m {
                for j in 0..<n {
                    let d = Double(a[i * n + j]) - mean[j]
                    squares[j] += d * d
                }
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

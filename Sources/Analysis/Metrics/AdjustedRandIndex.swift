/// Agreement between two partitions of the same items, corrected for chance (Hubert & Arabie
/// 1985): 1 for identical partitions (up to relabelling), about 0 for independent ones.
public enum AdjustedRandIndex {
    public static func score(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count, "partitions of different sizes")
        let n = a.count
        guard n > 1 else { return 1 }
        var table: [[Int]: Int] = [:], rows: [Int: Int] = [:], columns: [Int: Int] = [:]
        for i in 0..<n {
            table[[a[i], b[i]], default: 0] += 1
            rows[a[i], default: 0] += 1
            columns[b[i], default: 0] += 1
        }
        func pairs(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }
        let index = table.values.reduce(0) { $0 + pairs($1) }
        let sumRows = rows.values.reduce(0) { $0 + pairs($1) }
        let sumColumns = columns.values.reduce(0) { $0 + pairs($1) }
        let expected = sumRows * sumColumns / pairs(n)
        let maximum = (sumRows + sumColumns) / 2
        guard maximum != expected else { return 1 }
        return (index - expected) / (maximum - expected)
    }
}

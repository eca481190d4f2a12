import NumericCore

extension Population {
    /// The row-stochastic influence matrix W: row v averages v's in-neighbours (each 1/in-degree,
    /// or in proportion to arc weight when `useWeights`), so (W·X)[v] is the mean of X over the
    /// people who influence v. An agent with no in-neighbours gets a zero row (no social input).
    /// The matrix models (commitment, opinions) multiply it into n × R batches of replicates.
    public func influenceMatrix(useWeights: Bool = false) -> SparseMatrix<Double> {
        let n = count
        var offsets = [Int](repeating: 0, count: n + 1)
        var columns: [UInt32] = []
        var values: [Double] = []
        columns.reserveCapacity(arcCount)
        values.reserveCapacity(arcCount)
        for v in 0..<n {
            let sources = graph.inNeighbours(of: v)
            let weights: [Double] = useWeights ? sources.map { graph.weight(Int($0), v) ?? 1 } : Array(repeating: 1, count: sources.count)
            let total = weights.reduce(0, +)
            for (u, w) in zip(sources, weights) where total > 0 {
                columns.append(u)
                values.append(w / total)
            }
            offsets[v + 1] = columns.count
        }
        // Rows come out sorted (in-neighbour lists are), so this cannot fail.
        return try! SparseMatrix(rows: n, columns: n, rowOffsets: offsets, columnIndices: columns, values: values)
    }
}

import NumericCore

/// Principal axes of a column-centred matrix, from its scatter matrix (a thread-invariant Gram
/// product and a symmetric eigensolve on one BLAS thread), so maps and projections come out the
/// same on every machine and at any `--threads`.
enum PrincipalComponents {
    /// The top `count` axes (d × count), each signed so its largest loading is positive, and each
    /// axis's share of the total variance.
    static func axes(ofCentred x: Matrix<Double>, count: Int) throws -> (axes: Matrix<Double>, shares: [Double]) {
        try axes(ofScatter: try x.gram(), count: count)
    }

    /// The same from the d × d scatter matrix Σ (x − μ)(x − μ)ᵀ, for callers that can form it
    /// without a centred copy of the data.
    static func axes(ofScatter scatter: Matrix<Double>, count: Int) throws -> (axes: Matrix<Double>, shares: [Double]) {
        let d = scatter.columns
        let (values, vectors) = try BLASRuntime.singleThreaded { try scatter.symmetricEigen() }
        let order = values.indices.sorted { values[$0] > values[$1] }
        let total = max(values.reduce(0) { $0 + max(0, $1) }, 1e-300)
        var axes = Matrix<Double>(rows: d, columns: count)
        for a in 0..<count {
            let c = order[a]
            let big = (0..<d).max { abs(vectors[$0, c]) < abs(vectors[$1, c]) }!
            let sign: Double = vectors[big, c] < 0 ? -1 : 1
            for j in 0..<d { axes[j, a] = sign * vectors[j, c] }
        }
        return (axes, order.prefix(count).map { max(0, values[$0]) / total })
    }
}

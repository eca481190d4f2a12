extension Matrix {
    /// Eigenvalues (ascending) and eigenvectors (as columns) of a symmetric matrix, by LAPACK's
    /// divide-and-conquer `syevd`. Only the upper triangle is read. O(n³).
    public func symmetricEigen() throws -> (values: [Scalar], vectors: Matrix) {
        guard rows == columns else {
            throw ShapeError.incompatible(operation: "symmetricEigen (needs a square matrix)", lhs: shape, rhs: shape)
        }
        let n = rows
        var w = [Scalar](repeating: 0, count: n)
        if n == 0 { return (w, self) }
        var a = self
        let n32 = try blasIndex(n, "syevd")
        let routine = Scalar.lapackPrefix + "syevd"
        // The row-major upper triangle is the column-major lower one.
        var lwork: Scalar = 0
        var liwork: Int32 = 0
        try a.storage.withUnsafeMutableBufferPointer { ap in
            try w.withUnsafeMutableBufferPointer { wp in
                try checkLAPACK(routine, Scalar._syevd(jobz: UInt8(ascii: "V"), upper: false, n: n32, a: ap.baseAddress!,
                                                       lda: n32, w: wp.baseAddress!, work: &lwork, lwork: -1,
                                                       iwork: &liwork, liwork: -1))
                var work = [Scalar](repeating: 0, count: Swift.max(1, Int(lwork.rounded(.up))))
                var iwork = [Int32](repeating: 0, count: Swift.max(1, Int(liwork)))
                let lw = try blasIndex(work.count, routine), liw = try blasIndex(iwork.count, routine)
                try work.withUnsafeMutableBufferPointer { wk in
                    try iwork.withUnsafeMutableBufferPointer { iw in
                        try checkLAPACK(routine, Scalar._syevd(jobz: UInt8(ascii: "V"), upper: false, n: n32,
                                                               a: ap.baseAddress!, lda: n32, w: wp.baseAddress!,
                                                               work: wk.baseAddress!, lwork: lw,
                                                               iwork: iw.baseAddress!, liwork: liw))
                    }
                }
            }
        }
        // Column-major eigenvectors are the rows of the row-major buffer: transpose to columns.
        return (w, a.transposed())
    }
}

extension Matrix {
    /// The thin SVD by LAPACK's divide-and-conquer `gesdd`: O(m·n·min(m, n)).
    ///
    /// The row-major buffer is the column-major Aᵀ = V·Σ·Uᵀ, so `gesdd` on it returns, in its U and
    /// Vᵀ slots, exactly the row-major Vᵀ and U of A: no transposed copies.
    public func svd() throws -> SingularValueDecomposition<Scalar> {
        let k = Swift.min(rows, columns)
        var s = [Scalar](repeating: 0, count: k)
        var uOfA = Matrix(rows: rows, columns: k)      // = column-major Vᵀ of Aᵀ (k × m)
        var vtOfA = Matrix(rows: k, columns: columns)  // = column-major U of Aᵀ (n × k)
        if k == 0 { return SingularValueDecomposition(u: uOfA, singularValues: s, vt: vtOfA) }
        var a = storage
        let mT = try blasIndex(columns, "gesdd"), nT = try blasIndex(rows, "gesdd"), k32 = try blasIndex(k, "gesdd")
        var iwork = [Int32](repeating: 0, count: 8 * k)
        let routine = Scalar.lapackPrefix + "gesdd"
        try a.withUnsafeMutableBufferPointer { ap in
            try s.withUnsafeMutableBufferPointer { sp in
                try vtOfA.storage.withUnsafeMutableBufferPointer { up in
                    try uOfA.storage.withUnsafeMutableBufferPointer { vtp in
                        try iwork.withUnsafeMutableBufferPointer { ip in
                            try withLAPACKWorkspace(routine) { work, lwork in
                                Scalar._gesdd(jobz: UInt8(ascii: "S"), m: mT, n: nT, a: ap.baseAddress!, lda: mT,
                                              s: sp.baseAddress!, u: up.baseAddress!, ldu: mT,
                                              vt: vtp.baseAddress!, ldvt: k32, work: work, lwork: lwork,
                                              iwork: ip.baseAddress!)
                            }
                        }
                    }
                }
            }
        }
        return SingularValueDecomposition(u: uOfA, singularValues: s, vt: vtOfA)
    }

    /// The singular values only, descending.
    public func singularValues() throws -> [Scalar] {
        let k = Swift.min(rows, columns)
        var s = [Scalar](repeating: 0, count: k)
        if k == 0 { return s }
        var a = storage
        let mT = try blasIndex(columns, "gesdd"), nT = try blasIndex(rows, "gesdd")
        var iwork = [Int32](repeating: 0, count: 8 * k)
        let routine = Scalar.lapackPrefix + "gesdd"
        try a.withUnsafeMutableBufferPointer { ap in
            try s.withUnsafeMutableBufferPointer { sp in
                try iwork.withUnsafeMutableBufferPointer { ip in
                    try withLAPACKWorkspace(routine) { work, lwork in
                        Scalar._gesdd(jobz: UInt8(ascii: "N"), m: mT, n: nT, a: ap.baseAddress!, lda: mT,
                                      s: sp.baseAddress!, u: nil, ldu: 1, vt: nil, ldvt: 1,
                                      work: work, lwork: lwork, iwork: ip.baseAddress!)
                    }
                }
            }
        }
        return s
    }
}

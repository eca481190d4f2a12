/// BLAS level-1 operations on contiguous vectors, with their classic names.
///
/// Lengths are checked and narrowed to BLAS's 32-bit index before the call.
public enum BLAS {
    /// y ← αx + y.
    public static func axpy<T: BLASScalar>(_ alpha: T, _ x: [T], _ y: inout [T]) throws {
        guard x.count == y.count else {
            throw ShapeError.incompatible(operation: "axpy", lhs: Shape(x.count, 1), rhs: Shape(y.count, 1))
        }
        let n = try blasIndex(x.count, "axpy")
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                guard let xb = xp.baseAddress, let yb = yp.baseAddress else { return }
                T._axpy(n: n, alpha: alpha, x: xb, incx: 1, y: yb, incy: 1)
            }
        }
    }

    /// xᵀy.
    public static func dot<T: BLASScalar>(_ x: [T], _ y: [T]) throws -> T {
        guard x.count == y.count else {
            throw ShapeError.incompatible(operation: "dot", lhs: Shape(x.count, 1), rhs: Shape(y.count, 1))
        }
        let n = try blasIndex(x.count, "dot")
        return x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                guard let xb = xp.baseAddress, let yb = yp.baseAddress else { return 0 }
                return T._dot(n: n, x: xb, incx: 1, y: yb, incy: 1)
            }
        }
    }

    /// ‖x‖₂, computed without overflow or underflow.
    public static func nrm2<T: BLASScalar>(_ x: [T]) throws -> T {
        let n = try blasIndex(x.count, "nrm2")
        return x.withUnsafeBufferPointer { xp in
            guard let xb = xp.baseAddress else { return 0 }
            return T._nrm2(n: n, x: xb, incx: 1)
        }
    }

    /// x ← αx.
    public static func scal<T: BLASScalar>(_ alpha: T, _ x: inout [T]) throws {
        let n = try blasIndex(x.count, "scal")
        x.withUnsafeMutableBufferPointer { xp in
            guard let xb = xp.baseAddress else { return }
            T._scal(n: n, alpha: alpha, x: xb, incx: 1)
        }
    }
}

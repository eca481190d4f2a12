/// A dimension problem found before any arithmetic was done.
public enum ShapeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two operands whose shapes do not fit the operation, e.g. `gemm` of 3×4 by 5×2.
    case incompatible(operation: String, lhs: Shape, rhs: Shape)
    /// A flat element buffer whose length does not match the shape it was given.
    case elementCount(shape: Shape, expected: Int, actual: Int)
    /// A negative dimension, or a rank out of the allowed range.
    case invalidDimension(name: String, value: Int, allowed: String)
    /// A dimension larger than the 32-bit index BLAS/LAPACK accept.
    case exceedsBLASIndexRange(operation: String, dimension: Int)
    /// A sparse entry outside the matrix.
    case entryOutOfRange(row: Int, column: Int, shape: Shape)
    /// Rows of a nested array with different lengths.
    case raggedRows(row: Int, expected: Int, actual: Int)

    public var description: String {
        switch self {
        case let .incompatible(operation, lhs, rhs):
            return "\(operation): shapes \(lhs) and \(rhs) are incompatible"
        case let .elementCount(shape, expected, actual):
            return "a \(shape) matrix needs \(expected) elements, got \(actual)"
        case let .invalidDimension(name, value, allowed):
            return "\(name) = \(value) is invalid; expected \(allowed)"
        case let .exceedsBLASIndexRange(operation, dimension):
            return "\(operation): dimension \(dimension) exceeds BLAS's 32-bit index range (\(Int32.max))"
        case let .entryOutOfRange(row, column, shape):
            return "entry (\(row), \(column)) lies outside a \(shape) matrix"
        case let .raggedRows(row, expected, actual):
            return "row \(row) has \(actual) elements; row 0 has \(expected)"
        }
    }
}

/// Narrows a dimension to BLAS's `Int32`, or says which operation it was too large for.
@usableFromInline
func blasIndex(_ value: Int, _ operation: String) throws -> Int32 {
    guard let narrowed = Int32(exactly: value) else {
        throw ShapeError.exceedsBLASIndexRange(operation: operation, dimension: value)
    }
    return narrowed
}

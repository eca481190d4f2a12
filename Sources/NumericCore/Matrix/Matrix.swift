/// A dense, row-major matrix of `Float` or `Double`, the operand of every BLAS and LAPACK call.
///
/// Element (i, j) is at `i * columns + j`. Storage is a copy-on-write array, so a `Matrix` is a
/// value: assigning it never aliases. Operations that can meet mismatched shapes throw `ShapeError`
/// naming both shapes.
public struct Matrix<Scalar: BLASScalar>: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    @usableFromInline internal var storage: [Scalar]

    /// A rows × columns matrix with every element `value`. Zeros are written as bytes (memset):
    /// filling element by element from unspecialised code costs a witness call per element.
    @inlinable
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        let count = rows * columns
        if value == 0 && value.sign == .plus {
            storage = Array(unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).initializeMemory(as: UInt8.self, repeating: 0)
                initialized = count
            }
        } else {
            storage = Array(repeating: value, count: count)
        }
    }

    /// A matrix from its elements in row-major order.
    public init(rows: Int, columns: Int, elements: [Scalar]) throws {
        guard rows >= 0, columns >= 0 else {
            throw ShapeError.invalidDimension(name: "rows/columns", value: min(rows, columns), allowed: "≥ 0")
        }
        guard elements.count == rows * columns else {
            throw ShapeError.elementCount(shape: Shape(rows, columns), expected: rows * columns, actual: elements.count)
        }
        self.rows = rows
        self.columns = columns
        storage = elements
    }

    /// A matrix from nested rows, all of one length.
    public init(_ nestedRows: [[Scalar]]) throws {
        let columns = nestedRows.first?.count ?? 0
        for (index, row) in nestedRows.enumerated() where row.count != columns {
            throw ShapeError.raggedRows(row: index, expected: columns, actual: row.count)
        }
        try self.init(rows: nestedRows.count, columns: columns, elements: nestedRows.flatMap { $0 })
    }

    /// Builds each element from its indices.
    @inlinable
    public init(rows: Int, columns: Int, _ element: (_ row: Int, _ column: Int) -> Scalar) {
        self.init(rows: rows, columns: columns)
        for i in 0..<rows {
            for j in 0..<columns { storage[i * columns + j] = element(i, j) }
        }
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i * n + i] = 1 }
        return m
    }

    /// A matrix of independent standard normal entries from `generator`. Specialised for the
    /// library's generator: called from generic code (the randomized SVD), the draws' conversion to
    /// `Scalar` would otherwise go through the generic floating-point initialiser, slower than the draw.
    @_specialize(where Scalar == Float, G == Xoshiro256PlusPlus)
    @_specialize(where Scalar == Double, G == Xoshiro256PlusPlus)
    public static func gaussian<G: RandomNumberGenerator>(rows: Int, columns: Int, using generator: inout G) -> Matrix {
        var m = Matrix(rows: rows, columns: columns)
        m.storage.withUnsafeMutableBufferPointer { generator.fillNormal($0) }
        return m
    }

    public var shape: Shape { Shape(rows, columns) }
    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    /// The elements in row-major order.
    public var elements: [Scalar] { storage }

    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index (\(row), \(column)) outside \(shape)")
            return storage[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index (\(row), \(column)) outside \(shape)")
            storage[row * columns + column] = newValue
        }
    }

    /// Row i as an array.
    public func row(_ i: Int) -> [Scalar] {
        Array(storage[(i * columns)..<((i + 1) * columns)])
    }

    /// Column j as an array.
    public func column(_ j: Int) -> [Scalar] {
        (0..<rows).map { storage[$0 * columns + j] }
    }

    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// A copy converted to another precision. Inlinable so that callers get a specialised loop
    /// (unspecialised, each element costs witness-table calls and the array grows by appends).
    @inlinable
    public func converted<Other: BLASScalar>(to _: Other.Type = Other.self) -> Matrix<Other> {
        // Shapes match by construction.
        try! Matrix<Other>(rows: rows, columns: columns, elements: convertedElements(storage))
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        let shown = (0..<min(rows, 8)).map { i in
            (0..<min(columns, 8)).map { "\(self[i, $0])" }.joined(separator: " ") + (columns > 8 ? " …" : "")
        }
        return "Matrix<\(Scalar.blasName)> \(shape)\n" + shown.joined(separator: "\n") + (rows > 8 ? "\n…" : "")
    }
}

/// The elements of `source` in another precision, in one specialisable loop (shared by the dense
/// and sparse conversions).
@inlinable
func convertedElements<Source: BLASScalar, Target: BLASScalar>(_ source: [Source]) -> [Target] {
    let count = source.count
    return [Target](unsafeUninitializedCapacity: count) { out, initialized in
        source.withUnsafeBufferPointer { src in
            for i in 0..<count { (out.baseAddress! + i).initialize(to: Target(src[i])) }
        }
        initialized = count
    }
}

/// The dimensions of a matrix, for error messages and checks.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int

    public init(_ rows: Int, _ columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    public var description: String { "\(rows)×\(columns)" }
}

/// A problem in a text table, located by file, line and (where known) column, with what was expected.
public struct TableError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int?
    public let message: String

    public init(file: String, line: Int, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, the form editors and terminals link to (`file: message` when
    /// the problem is the file as a whole).
    public var description: String {
        line > 0 ? "\(file):\(line)\(column.map { ":\($0)" } ?? ""): \(message)" : "\(file): \(message)"
    }
}

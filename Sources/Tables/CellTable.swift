import Foundation

/// A table of text cells with a header row, from a CSV file or a workbook sheet, that can say
/// where each cell came from. The network readers for Kumu, Polinode, Gephi, NodeXL and survey
/// layouts work on this, so a layout reads the same whether it was saved as CSV or as .xlsx.
public struct CellTable: Sendable {
    /// Where the cells came from: a text file (cells located by line and column) or a sheet of a
    /// workbook (cells located by their A1 reference).
    public enum Origin: Sendable, Equatable {
        case text(file: String)
        case sheet(file: String, name: String)
        /// A list of records in a JSON document (`elements` of a Kumu map): rows are its items, from 1.
        case records(file: String, list: String)
    }

    public let origin: Origin
    public let header: [String]
    /// Data rows, each as wide as the header (shorter rows are padded with empty cells).
    public let rows: [[String]]
    /// The line (text) or row number (sheet) of each data row, and of the header.
    public let lines: [Int]
    public let headerLine: Int

    public init(origin: Origin, header: [String], rows: [[String]], lines: [Int], headerLine: Int = 1) {
        self.origin = origin
        self.header = header
        self.rows = rows
        self.lines = lines
        self.headerLine = headerLine
    }

    /// A CSV or TSV file with a header row (any encoding `TextEncoding` reads). Rows wider than
    /// the header are an error at their line; shorter ones are padded.
    public static func read(_ url: URL, format: DelimitedFormat? = nil) throws -> CellTable {
        let reader = try DelimitedReader(contentsOf: url, format: format)
        var header: [String]? = nil, headerLine = 1
        var rows: [[String]] = [], lines: [Int] = []
        try reader.forEachRecord { record in
            let fields = try (0..<record.count).map { try record.string($0) }
            guard let width = header?.count else {
                header = fields.map { $0.trimmingCharacters(in: .whitespaces) }
                headerLine = record.line
                return
            }
            guard fields.count <= width || fields[width...].allSatisfy(\.isEmpty) else {
                throw TableError(file: reader.file, line: record.line,
                                 message: "expected \(width) fields as in the header (line \(headerLine)), found \(fields.count)")
            }
            rows.append(Array(fields.prefix(width)) + Array(repeating: "", count: max(0, width - fields.count)))
            lines.append(record.line)
        }
        guard let header else { throw TableError(file: reader.file, line: 0, message: "the file is empty (expected a header row)") }
        return CellTable(origin: .text(file: reader.file), header: header, rows: rows, lines: lines, headerLine: headerLine)
    }

    public var file: String {
        switch origin {
        case let .text(file), let .sheet(file, _), let .records(file, _): return file
        }
    }

    /// The first column whose header is one of `names` (compared without case, spaces or
    /// underscores, so `Vertex 1`, `vertex_1` and `VERTEX1` match), in the order `names` prefers.
    public func column(_ names: [String]) -> Int? {
        let keys = header.map(Self.key)
        for name in names {
            if let i = keys.firstIndex(of: Self.key(name)) { return i }
        }
        return nil
    }

    /// A header name reduced for matching: lower case, no spaces, underscores, hyphens or dots.
    public static func key(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { !" _-.\t".unicodeScalars.contains($0) })
    }

    /// An error at data row `row` (0-based) and column `column` (0-based; nil for the whole row).
    public func error(row: Int, column: Int? = nil, _ message: String) -> TableError {
        locate(line: lines[row], column: column, message)
    }

    /// An error at the header row.
    public func headerError(column: Int? = nil, _ message: String) -> TableError {
        locate(line: headerLine, column: column, message)
    }

    func locate(line: Int, column: Int?, _ message: String) -> TableError {
        switch origin {
        case let .text(file):
            return TableError(file: file, line: line, column: column.map { $0 + 1 }, message: message)
        case let .sheet(file, name):
            let cell = column.map { "cell \(Self.columnLetters($0))\(line)" } ?? "row \(line)"
            return TableError(file: "\(file) [sheet \"\(name)\", \(cell)]", line: 0, message: message)
        case let .records(file, list):
            let field = column.map { ", field \"\(header[$0])\"" } ?? ""
            return TableError(file: line > 0 ? "\(file) [\(list) item \(line)\(field)]" : "\(file) [\(list)]", line: 0, message: message)
        }
    }

    /// Spreadsheet column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA.
    public static func columnLetters(_ index: Int) -> String {
        var n = index + 1, letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}

import Foundation
import Tables

/// The responses of an event: texts with optional ids and metadata columns (table, session,
/// organisation, role), read from CSV/TSV (RFC 4180: quotes, embedded newlines, BOM, CRLF),
/// JSON Lines, or plain text with one response per line.
public struct ResponseTable: Sendable {
    public var texts: [String]
    public var ids: [String]
    /// `--by` columns: name and one value per response.
    public var groups: [(name: String, values: [String])]
    public var file: String

    /// Responses held in memory (from a database, a form service, a test).
    public init(texts: [String], ids: [String], groups: [(name: String, values: [String])] = [], file: String = "") {
        self.texts = texts
        self.ids = ids
        self.groups = groups
        self.file = file
    }

    static let textColumnNames = ["text", "response", "comment", "comment-body", "answer", "body", "content"]
    /// Columns taken as the response id when `--id-column` is not given (case-insensitive).
    static let idColumnNames = ["id", "response_id", "response-id", "responseid", "comment-id", "comment_id"]

    /// The id column: the one named, else the first conventional id column that is not the text.
    static func pickID(_ wanted: String?, _ columns: [String], text: Int, file: String) throws -> Int? {
        if let wanted { return try pick(wanted, columns, file: file, what: "id") }
        return columns.indices.first { $0 != text && idColumnNames.contains(columns[$0].lowercased()) }
    }

    /// Reads `path`; `textColumn` defaults to the first of text, response, comment, comment-body,
    /// answer, body, content (or the only column); `idColumn` to id, response_id or comment-id when present.
    public static func read(_ path: String, textColumn: String? = nil, idColumn: String? = nil, by: [String] = []) throws -> ResponseTable {
        guard FileManager.default.fileExists(atPath: path) else { throw TableError(file: path, line: 0, message: "no such file") }
        let table = try read(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), file: path, textColumn: textColumn, idColumn: idColumn, by: by)
        guard !table.texts.isEmpty else { throw TableError(file: path, line: 0, message: "the file holds no responses") }
        return table
    }

    /// A file still being written (a form export, a sheet saved as CSV while an event runs): its
    /// complete lines only, so a row half-appended is read next time, whole. Nil while the file is
    /// absent; an empty table while it holds no complete row.
    public static func readGrowing(_ path: String, textColumn: String? = nil, idColumn: String? = nil, by: [String] = []) throws -> ResponseTable? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var bytes = [UInt8](data)
        if let last = bytes.lastIndex(of: UInt8(ascii: "\n")) { bytes.removeSubrange((last + 1)...) } else { bytes = [] }
        if bytes.isEmpty { return ResponseTable(texts: [], ids: [], groups: by.map { ($0, []) }, file: path) }
        return try read(bytes: bytes, file: path, textColumn: textColumn, idColumn: idColumn, by: by)
    }

    /// The file's bytes read by its extension: delimited, JSON Lines, or one response per line.
    static func read(bytes: [UInt8], file path: String, textColumn: String?, idColumn: String?, by: [String]) throws -> ResponseTable {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv", "tsv", "tab": return try readDelimited(bytes, file: path, textColumn: textColumn, idColumn: idColumn, by: by)
        case "jsonl", "ndjson": return try readJSONLines(bytes, file: path, textColumn: textColumn, idColumn: idColumn, by: by)
        default:
            guard textColumn == nil, idColumn == nil, by.isEmpty else {
                throw TableError(file: path, line: 0, message: "plain text has no columns; --text-column, --id-column and --by need a .csv, .tsv or .jsonl file")
            }
            return try readLines(bytes, file: path)
        }
    }

    static func pick(_ wanted: String?, _ columns: [String], file: String, what: String) throws -> Int {
        if let wanted {
            if let i = columns.firstIndex(of: wanted) { return i }
            let near = Spelling.nearest(wanted, in: columns)
            throw TableError(file: file, line: 1, message: "no \(what) column \"\(wanted)\"" + (near.map { " (did you mean \"\($0)\"?)" } ?? "")
                             + "; columns: \(columns.joined(separator: ", "))")
        }
        if let i = columns.firstIndex(where: { textColumnNames.contains($0.lowercased()) }) { return i }
        if columns.count == 1 { return 0 }
        throw TableError(file: file, line: 1, message: "which column holds the text? pass --text-column (columns: \(columns.joined(separator: ", ")))")
    }

    static func readDelimited(_ bytes: [UInt8], file: String, textColumn: String?, idColumn: String?, by: [String]) throws -> ResponseTable {
        let url = URL(fileURLWithPath: file)
        let reader = try DelimitedReader(bytes: bytes, file: file)
        var header: [String] = []
        var textIndex = 0, idIndex: Int?, byIndex: [Int] = []
        var texts: [String] = [], ids: [String] = [], groups: [[String]] = by.map { _ in [] }
        try reader.forEachRecord { record in
            if header.isEmpty {
                header = try (0..<record.count).map { try record.string($0) }
                textIndex = try pick(textColumn, header, file: url.path, what: "text")
                idIndex = try pickID(idColumn, header, text: textIndex, file: url.path)
                byIndex = try by.map { try pick($0, header, file: url.path, what: "--by") }
                return
            }
            guard record.count == header.count else {
                throw TableError(file: url.path, line: record.line, message: "expected \(header.count) fields like the header, found \(record.count)")
            }
            texts.append(try record.string(textIndex))
            ids.append(try idIndex.map { try record.string($0) } ?? String(texts.count - 1))
            for (g, i) in byIndex.enumerated() { groups[g].append(try record.string(i)) }
        }
        return ResponseTable(texts: texts, ids: ids, groups: zip(by, groups).map { ($0, $1) }, file: url.path)
    }

    static func readJSONLines(_ bytes: [UInt8], file: String, textColumn: String?, idColumn: String?, by: [String]) throws -> ResponseTable {
        let url = URL(fileURLWithPath: file)
        let data = Data(bytes)
        var texts: [String] = [], ids: [String] = [], groups: [[String]] = by.map { _ in [] }
        var line = 0
        for chunk in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            line += 1
            let trimmed = chunk.last == 13 ? chunk.dropLast() : chunk
            if trimmed.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(trimmed))) as? [String: Any] else {
                throw TableError(file: url.path, line: line, message: "expected one JSON object per line")
            }
            let keys = object.keys.sorted()
            let textKey = try keys[pick(textColumn, keys, file: url.path, what: "text")]
            func text(_ v: Any?) -> String { v.map { $0 is NSNull ? "" : "\($0)" } ?? "" }
            texts.append(text(object[textKey]))
            let idColumn = idColumn ?? keys.first { $0 != textKey && idColumnNames.contains($0.lowercased()) }
            if let idColumn {
                guard object[idColumn] != nil else { throw TableError(file: url.path, line: line, message: "no \"\(idColumn)\" field") }
                ids.append(text(object[idColumn]))
            } else {
                ids.append(String(texts.count - 1))
            }
            for (g, name) in by.enumerated() { groups[g].append(text(object[name])) }
        }
        return ResponseTable(texts: texts, ids: ids, groups: zip(by, groups).map { ($0, $1) }, file: url.path)
    }

    static func readLines(_ bytes: [UInt8], file: String) throws -> ResponseTable {
        let url = URL(fileURLWithPath: file)
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var texts: [String] = []
        var line = 0
        for chunk in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            line += 1
            let body = chunk.last == 13 ? chunk.dropLast() : chunk
            guard let s = String(validating: body, as: UTF8.self) else {
                throw TableError(file: url.path, line: line, message: "invalid UTF-8")
            }
            texts.append(s)
        }
        if texts.last == "" { texts.removeLast() }
        return ResponseTable(texts: texts, ids: texts.indices.map(String.init), groups: [], file: url.path)
    }
}

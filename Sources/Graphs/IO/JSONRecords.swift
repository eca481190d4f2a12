import Foundation
import Tables

/// A JSON network document (Kumu's `elements`/`connections`, Polinode's `nodes`/`edges`) whose
/// lists of records are read as tables: each record a row, each key a column, nested
/// `attributes` objects flattened, lists joined with `|` (Kumu's multi-value convention).
struct JSONRecords {
    let file: String
    let root: [String: JSONValue]

    /// Any JSON value; booleans are told apart from numbers, which JSONSerialization's NSNumbers blur.
    enum JSONValue: Decodable {
        case null, bool(Bool), number(Double), string(String), list([JSONValue]), object([String: JSONValue])

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let x = try? c.decode(Double.self) { self = .number(x) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else if let l = try? c.decode([JSONValue].self) { self = .list(l) }
            else { self = .object(try c.decode([String: JSONValue].self)) }
        }
    }

    /// Larger documents are refused before parsing (a map of a whole system is a few megabytes).
    static let maximumBytes = 512 << 20

    init(_ url: URL) throws {
        file = url.path
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        if let size = attributes?[.size] as? Int, size > Self.maximumBytes {
            throw TableError(file: url.path, line: 0, message: "\(size) bytes is more than a network document Skein reads (\(Self.maximumBytes))")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TableError(file: url.path, line: 0, message: "cannot read the file")
        }
        // Well-formedness first, with the parser's own words (and position) for a broken file.
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw TableError(file: url.path, line: 0, message: "not valid JSON (\(reason))")
        }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data), case let .object(dictionary) = value else {
            throw TableError(file: url.path, line: 0, message: "expected a JSON object with lists of people and ties at the top")
        }
        root = dictionary
    }

    /// Whether a file's top-level object has all of `keys` (for formats sharing `.json`).
    static func has(_ url: URL, keys: [String]) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        // The keys are near the top in every export seen; reading the whole file to sniff would be wasteful.
        let head = String(decoding: (try? handle.read(upToCount: 1 << 16)) ?? Data(), as: UTF8.self)
        return keys.allSatisfy { head.contains("\"\($0)\"") }
    }

    /// The list under the first of `keys` present, as a table (nil when none is present).
    func table(_ keys: [String]) throws -> CellTable? {
        guard let key = keys.first(where: { root[$0] != nil }) else { return nil }
        guard case let .list(items)? = root[key] else {
            throw TableError(file: file, line: 0, message: "\"\(key)\" must be a list of records")
        }
        var header: [String] = [], index: [String: Int] = [:]
        var rows: [[String: String]] = []
        for (i, item) in items.enumerated() {
            guard case let .object(record) = item else {
                throw TableError(file: "\(file) [\(key) item \(i + 1)]", line: 0, message: "expected an object")
            }
            var row: [String: String] = [:]
            func add(_ name: String, _ value: JSONValue) throws {
                if index[name] == nil { index[name] = header.count; header.append(name) }
                row[name] = try Self.text(value, file: file, at: "\(key) item \(i + 1), field \"\(name)\"")
            }
            for name in record.keys.sorted() where name != "attributes" { try add(name, record[name]!) }
            if case let .object(nested)? = record["attributes"] {
                for name in nested.keys.sorted() where record[name] == nil { try add(name, nested[name]!) }
            }
            rows.append(row)
        }
        return CellTable(origin: .records(file: file, list: key), header: header,
                         rows: rows.map { row in header.map { row[$0] ?? "" } }, lines: rows.indices.map { $0 + 1 },
                         headerLine: 0)
    }

    static func text(_ value: JSONValue, file: String, at place: String) throws -> String {
        switch value {
        case .null: return ""
        case let .string(s): return s
        case let .bool(b): return b ? "TRUE" : "FALSE"
        case let .number(x):
            if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return "\(x)"
        case let .list(list): return try list.map { try text($0, file: file, at: place) }.joined(separator: "|")
        case .object:
            throw TableError(file: "\(file) [\(place)]", line: 0, message: "expected text, a number or a list, found an object")
        }
    }
}

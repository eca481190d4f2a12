import Foundation
import Tables
import ZIPFoundation

/// An Excel workbook (.xlsx, Office Open XML) read as named sheets of text cells: the zip archive
/// through ZIPFoundation, its XML parts with the same hardened parser as GraphML. Shared strings,
/// inline strings, numbers (written as the shortest text that reads back to the same value),
/// booleans and formulas' cached values are read; styles (so dates stay serial numbers) are not.
public struct Workbook {
    public let file: String
    /// Sheet names in workbook order.
    public let sheetNames: [String]
    private let archive: Archive
    private let sheetParts: [String: String]
    private let sharedStrings: [String]

    /// Larger parts are refused before they are inflated (a zip bomb would otherwise fill memory).
    static let maximumPartBytes: UInt64 = 1 << 30
    /// Excel's own limits: columns A–XFD, rows 1–1 048 576.
    static let maximumColumns = 16_384
    static let maximumRows = 1_048_576

    public init(_ url: URL) throws {
        file = url.path
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw TableError(file: url.path, line: 0, message: "not an Excel workbook (.xlsx is a zip archive, and this file is not one); save it from Excel as \"Excel Workbook (*.xlsx)\"")
        }
        guard archive["xl/workbook.xml"] != nil else {
            throw TableError(file: url.path, line: 0, message: "a zip archive without xl/workbook.xml: not an Excel workbook (.xls and .ods files must be saved as .xlsx)")
        }
        let workbook = try Self.xml(archive, "xl/workbook.xml", file: url.path)
        var relations: [String: String] = [:]
        if archive["xl/_rels/workbook.xml.rels"] != nil {
            for relation in try Self.xml(archive, "xl/_rels/workbook.xml.rels", file: url.path).children("Relationship") {
                guard let id = relation.attributes["Id"], let target = relation.attributes["Target"] else { continue }
                relations[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        var names: [String] = [], parts: [String: String] = [:]
        for (i, sheet) in (workbook.child("sheets")?.children("sheet") ?? []).enumerated() {
            let name = sheet.attributes["name"] ?? "Sheet\(i + 1)"
            let id = sheet.attributes["r:id"] ?? sheet.attributes["id"]
                ?? sheet.attributes.first { $0.key.hasSuffix(":id") }?.value
            let part = id.flatMap { relations[$0] } ?? "xl/worksheets/sheet\(i + 1).xml"
            names.append(name)
            parts[name] = part
        }
        guard !names.isEmpty else { throw TableError(file: url.path, line: 0, message: "the workbook has no sheets") }
        sheetNames = names
        sheetParts = parts
        if archive["xl/sharedStrings.xml"] != nil {
            // A string item is its text runs (<t>, or <r><t>); phonetic guides (<rPh>) are not text.
            sharedStrings = try Self.xml(archive, "xl/sharedStrings.xml", file: url.path).children("si").map { item in
                item.children("t").map(\.text).joined() + item.children("r").map { $0.children("t").map(\.text).joined() }.joined()
            }
        } else {
            sharedStrings = []
        }
    }

    /// The sheet whose name matches `name` without regard to case or surrounding spaces.
    public func sheetName(matching name: String) -> String? {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        return sheetNames.first { $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted }
    }

    /// A sheet as a table: its first non-empty row is the header (`headerIndex`: a later one, for
    /// templates such as NodeXL's that put group captions above the column names); empty rows are skipped.
    public func table(_ name: String, headerIndex: Int = 0) throws -> CellTable {
        guard let part = sheetParts[name] else {
            throw TableError(file: file, line: 0, message: "no sheet named \"\(name)\" (sheets: \(sheetNames.joined(separator: ", ")))")
        }
        let origin = CellTable.Origin.sheet(file: file, name: name)
        guard archive[part] != nil else { throw TableError(file: file, line: 0, message: "sheet \"\(name)\": the part \(part) is missing") }
        let root = try Self.xml(archive, part, file: file)
        var cells: [(row: Int, cells: [Int: String])] = []
        var lastRow = 0
        for row in root.child("sheetData")?.children("row") ?? [] {
            let number = row.attributes["r"].flatMap { Int($0) } ?? lastRow + 1
            guard number > lastRow, number <= Self.maximumRows else {
                throw TableError(file: "\(file) [sheet \"\(name)\", row \(number)]", line: 0, message: "row numbers must increase and be at most \(Self.maximumRows)")
            }
            lastRow = number
            var values: [Int: String] = [:]
            var column = -1
            for cell in row.children("c") {
                if let reference = cell.attributes["r"] {
                    guard let parsed = Self.columnIndex(reference) else {
                        throw TableError(file: "\(file) [sheet \"\(name)\", row \(number)]", line: 0, message: "cell reference \"\(reference)\" is not a column within A–XFD and a row")
                    }
                    column = parsed
                } else {
                    column += 1
                    guard column < Self.maximumColumns else {
                        throw TableError(file: "\(file) [sheet \"\(name)\", row \(number)]", line: 0, message: "more than \(Self.maximumColumns) columns")
                    }
                }
                let text = try value(of: cell, origin: origin, row: number, column: column)
                if !text.isEmpty { values[column] = text }
            }
            if !values.isEmpty { cells.append((number, values)) }
        }
        cells.removeFirst(min(headerIndex, cells.count))
        guard let first = cells.first else { throw TableError(file: "\(file) [sheet \"\(name)\"]", line: 0, message: "the sheet is empty (expected a header row)") }
        let width = (first.cells.keys.max() ?? 0) + 1
        let header = (0..<width).map { (first.cells[$0] ?? "").trimmingCharacters(in: .whitespaces) }
        var rows: [[String]] = [], lines: [Int] = []
        for (number, values) in cells.dropFirst() {
            if let beyond = values.keys.filter({ $0 >= width }).min() {
                throw TableError(file: "\(file) [sheet \"\(name)\", cell \(CellTable.columnLetters(beyond))\(number)]", line: 0,
                                 message: "a value in a column with no header (the header row \(first.row) ends at column \(CellTable.columnLetters(width - 1)))")
            }
            rows.append((0..<width).map { values[$0] ?? "" })
            lines.append(number)
        }
        return CellTable(origin: origin, header: header, rows: rows, lines: lines, headerLine: first.row)
    }

    /// A cell's value as text: shared or inline strings, numbers, booleans, cached formula results.
    func value(of cell: XMLElement, origin: CellTable.Origin, row: Int, column: Int) throws -> String {
        let raw = cell.child("v")?.text ?? ""
        switch cell.attributes["t"] ?? "n" {
        case "s":
            guard let index = Int(raw.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index) else {
                throw TableError(file: "\(file) [cell \(CellTable.columnLetters(column))\(row)]", line: 0,
                                 message: "shared string \"\(raw)\" is not one of the workbook's \(sharedStrings.count)")
            }
            return sharedStrings[index]
        case "inlineStr": return cell.child("is")?.allText ?? ""
        case "b": return raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw
        case "str", "e": return raw
        default:
            guard let x = Double(raw.trimmingCharacters(in: .whitespaces)), x.isFinite else { return raw }
            if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return "\(x)"
        }
    }

    /// The 0-based column of an A1 reference (`AB12` → 27), nil when it is not one.
    static func columnIndex(_ reference: String) -> Int? {
        var column = 0, letters = 0
        for scalar in reference.unicodeScalars {
            let v = scalar.value
            if v >= 65 && v <= 90 || v >= 97 && v <= 122 {
                guard letters < 3 else { return nil }
                column = column * 26 + Int((v | 0x20) - 96)
                letters += 1
            } else if v >= 48 && v <= 57 {
                break
            } else if scalar != "$" {
                return nil
            }
        }
        guard letters > 0, column <= maximumColumns else { return nil }
        return column - 1
    }

    static func xml(_ archive: Archive, _ path: String, file: String) throws -> XMLElement {
        guard let entry = archive[path] else { throw TableError(file: file, line: 0, message: "the workbook has no part \(path)") }
        guard entry.uncompressedSize <= maximumPartBytes else {
            throw TableError(file: file, line: 0, message: "the part \(path) would inflate to \(entry.uncompressedSize) bytes (at most \(maximumPartBytes))")
        }
        let data: Data
        do {
            data = try part(entry, path: path, file: file)
        } catch {
            throw TableError(file: file, line: 0, message: "the part \(path) cannot be read from the archive (\(error.localizedDescription)); "
                + "save the workbook again from Excel")
        }
        return try XMLElement.parse(data, file: "\(file) [\(path)]")
    }

    /// A part's bytes, inflated from the archive's own bytes by a provider that ends where the part
    /// ends. ZIPFoundation's `extract` reads on past a part into the file's end, and a damaged
    /// deflate stream that never ends then keeps it reading nothing for ever (found by fuzzing).
    static func part(_ entry: Entry, path: String, file: String) throws -> Data {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file), options: .mappedIfSafe)
        // The part's local header: its signature, then 26 bytes, then its name.
        let name = Data(path.utf8), signature = Data([0x50, 0x4B, 0x03, 0x04])
        var from = bytes.startIndex, start: Int?
        while let hit = bytes.range(of: signature, in: from..<bytes.endIndex) {
            let h = hit.lowerBound
            if h + 30 + name.count <= bytes.endIndex, bytes[(h + 30)..<(h + 30 + name.count)] == name {
                let nameLength = Int(bytes[h + 26]) | Int(bytes[h + 27]) << 8, extraLength = Int(bytes[h + 28]) | Int(bytes[h + 29]) << 8
                start = h + 30 + nameLength + extraLength
                break
            }
            from = hit.upperBound
        }
        let size = entry.compressedSize
        guard let start, UInt64(start) + size <= UInt64(bytes.endIndex) else { throw CocoaError(.fileReadCorruptFile) }
        let body = bytes[start..<(start + Int(size))]
        guard entry.isCompressed else { return Data(body) }
        var data = Data()
        let crc = try Data.decompress(size: Int64(size), bufferSize: 64 * 1024, skipCRC32: false, provider: { position, chunk in
            // Asked for more than the part holds: the stream is damaged.
            guard position < Int64(size) else { throw CocoaError(.fileReadCorruptFile) }
            // Always `chunk` bytes, zeros past the part's end: ZIPFoundation's inflate hands zlib
            // the whole buffer size whatever a chunk holds, so a short last chunk let it read past
            // the chunk's memory (an out-of-bounds read inside zlib, found by fuzzing). A sound
            // stream ends before the zeros; a damaged one reads them, asks again and is refused above.
            let lower = start + Int(position)
            var piece = Data(bytes[lower..<min(start + Int(size), lower + chunk)])
            if piece.count < chunk { piece.append(Data(count: chunk - piece.count)) }
            return piece
        }, consumer: { chunk in
            guard UInt64(data.count + chunk.count) <= maximumPartBytes else { throw CocoaError(.fileReadTooLarge) }
            data.append(chunk)
        })
        guard crc == entry.checksum else { throw CocoaError(.fileReadCorruptFile) }
        return data
    }
}

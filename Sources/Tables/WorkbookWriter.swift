import Foundation
import ZIPFoundation

/// Writes an Excel workbook (.xlsx): named sheets of text and number cells, text in a shared-string
/// table, through ZIPFoundation. Enough for Excel, LibreOffice, openpyxl, Kumu's
/// and Polinode's importers to read a network's sheets, and analysts to open an analysis.
public enum WorkbookWriter {
    public enum Cell: Equatable {
        case text(String)
        case number(Double)
        case empty
    }

    public struct Sheet {
        public var name: String
        public var rows: [[Cell]]
        public init(name: String, rows: [[Cell]]) {
            self.name = name
            self.rows = rows
        }
    }

    /// Every part's date in the zip: fixed (2 January 1980, inside the format's range in any time
    /// zone), so the same sheets give the same bytes whenever they are written.
    static let entryDate = Date(timeIntervalSince1970: 315_619_200)

    /// The workbook's bytes.
    public static func data(_ sheets: [Sheet]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws { try add(path, Data(text.utf8)) }
        func add(_ path: String, _ bytes: Data) throws {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Self.entryDate,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let overrides = sheets.indices.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        try add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
            \(overrides)</Types>
            """)
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        let sheetList = sheets.enumerated().map { i, s in
            "<sheet name=\"\(MarkupText.escape(String(s.name.prefix(31))))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }.joined()
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(sheetList)</sheets></workbook>
            """)
        let relations = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relations)\
            <Relationship Id="rId\(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" \
            Target="sharedStrings.xml"/></Relationships>
            """)
        var strings = SharedStrings()
        for (i, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(i + 1).xml", Data(sheetXML(sheet, strings: &strings)))
        }
        try add("xl/sharedStrings.xml", Data(strings.xml()))
        guard let data = archive.data else { throw TableError(file: "workbook", line: 0, message: "the zip archive could not be made") }
        return data
    }

    /// The workbook's text, each distinct string once (as Excel writes it): a theme's label
    /// repeated over 200 000 rows is one entry, and inline strings had made the sheets twice the
    /// size to compress.
    struct SharedStrings {
        private var index: [String: Int] = [:]
        private var ordered: [String] = []
        private(set) var uses = 0

        mutating func id(_ text: String) -> Int {
            uses += 1
            if let known = index[text] { return known }
            index[text] = ordered.count
            ordered.append(text)
            return ordered.count - 1
        }

        func xml() -> [UInt8] {
            var xml = [UInt8]()
            xml.reserveCapacity(ordered.reduce(200) { $0 + $1.utf8.count + 40 })
            xml.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n".utf8)
            xml.append(contentsOf: "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(uses)\" uniqueCount=\"\(ordered.count)\">".utf8)
            for text in ordered {
                xml.append(contentsOf: "<si><t xml:space=\"preserve\">".utf8)
                MarkupText.appendEscaped(text, to: &xml)
                xml.append(contentsOf: "</t></si>".utf8)
            }
            xml.append(contentsOf: "</sst>".utf8)
            return xml
        }
    }

    /// A sheet's XML, written as bytes: a sheet of 200 000 responses is tens of megabytes, and
    /// building it through string interpolation cost more than compressing it.
    static func sheetXML(_ sheet: Sheet, strings: inout SharedStrings) -> [UInt8] {
        var xml = [UInt8]()
        xml.reserveCapacity(sheet.rows.reduce(64) { $0 + 16 + 40 * $1.count })
        func put(_ s: StaticString) { s.withUTF8Buffer { xml.append(contentsOf: $0) } }
        func put(_ s: String) { xml.append(contentsOf: s.utf8) }
        put("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        put("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
        let widest = sheet.rows.reduce(0) { max($0, $1.count) }
        let letters = (0..<widest).map { Array(CellTable.columnLetters($0).utf8) }
        for (r, row) in sheet.rows.enumerated() {
            let number = Array(String(r + 1).utf8)
            put("<row r=\"")
            xml.append(contentsOf: number)
            put("\">")
            for (c, cell) in row.enumerated() {
                switch cell {
                case let .text(t):
                    put("<c r=\"")
                    xml.append(contentsOf: letters[c])
                    xml.append(contentsOf: number)
                    put("\" t=\"s\"><v>")
                    // Excel holds at most 32 767 characters in a cell.
                    put(String(strings.id(t.utf8.count <= 32_767 ? t : String(t.prefix(32_767)))))
                    put("</v></c>")
                case let .number(x) where x.isFinite:
                    put("<c r=\"")
                    xml.append(contentsOf: letters[c])
                    xml.append(contentsOf: number)
                    put("\"><v>")
                    put(Self.number(x))
                    put("</v></c>")
                default: break
                }
            }
            put("</row>")
        }
        put("</sheetData></worksheet>")
        return xml
    }

    /// A cell's number as Excel writes it: whole numbers without a decimal point, others in full.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}

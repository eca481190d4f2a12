import Foundation
import Tables
import Testing
import TestSupport

@Suite("Delimited text reader")
struct DelimitedReaderTests {
    func rows(_ text: String, _ format: DelimitedFormat? = nil) throws -> [[String]] {
        try DelimitedReader(bytes: Array(text.utf8), file: "t.csv", format: format).allRows()
    }

    @Test("RFC 4180: quotes, doubled quotes, embedded delimiters and newlines, CRLF, BOM, empty fields")
    func rfc4180() throws {
        #expect(try rows("a,b\r\n1,\"x, y\"\r\n") == [["a", "b"], ["1", "x, y"]])
        #expect(try rows("q\n\"say \"\"hi\"\"\"\n") == [["q"], ["say \"hi\""]])
        #expect(try rows("id,text\n1,\"line one\nline two\"\n2,z\n") == [["id", "text"], ["1", "line one\nline two"], ["2", "z"]])
        #expect(try rows("\u{FEFF}h1,h2\n,\n") == [["h1", "h2"], ["", ""]])
        #expect(try rows("a,b\n\n\nc,d") == [["a", "b"], ["c", "d"]])  // blank lines skipped, no final newline
        #expect(try rows("a\tb c\n", .tsv) == [["a", "b c"]])
        #expect(try rows("  a   b\t c \n", .whitespace) == [["a", "b", "c"]])
    }

    @Test("line numbers count physical lines, including those inside quoted fields")
    func lineNumbers() throws {
        var lines: [Int] = []
        try DelimitedReader(bytes: Array("h\n\"a\nb\"\nc\n".utf8), file: "t.csv", format: .csv).forEachRecord { lines.append($0.line) }
        #expect(lines == [1, 2, 4])
    }

    @Test("errors: an unclosed quote and invalid UTF-8 after a UTF-8 byte-order mark name the line")
    func errors() throws {
        #expect(throws: TableError(file: "t.csv", line: 2, column: 2, message: "a quoted field is never closed (expected a closing \")")) {
            try rows("a,b\nc,\"d\n")
        }
        let invalid = try DelimitedReader(bytes: [0xEF, 0xBB, 0xBF] + Array("ok\n".utf8) + [0xFF, 0xFE, 0x0A], file: "bad.csv", format: .csv)
        let error = #expect(throws: TableError.self) { try invalid.allRows() }
        #expect(error?.line == 2 && error?.column == 1)
        #expect(error?.message.contains("CSV UTF-8") == true)
    }

    @Test("spreadsheet encodings: Windows-1252 and UTF-16 (with or without a byte-order mark) read as UTF-8, lines kept")
    func encodings() throws {
        // "Café, Zoë – ‘quoted’" as Excel's Windows-1252 CSV writes it.
        let cp1252: [UInt8] = Array("name,note\n".utf8) + [0x43, 0x61, 0x66, 0xE9, 0x2C, 0x5A, 0x6F, 0xEB, 0x20, 0x96, 0x20, 0x91, 0x71, 0x92, 0x0A]
        let a = try DelimitedReader(bytes: cp1252, file: "w.csv")
        #expect(a.encoding == .windows1252)
        #expect(try a.allRows() == [["name", "note"], ["Café", "Zoë – ‘q’"]])
        // Excel's "Unicode Text": UTF-16LE with a byte-order mark, tab-separated.
        let text = "id\tname\n1\tŁucja 💬\n"
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let b = try DelimitedReader(bytes: le, file: "u.txt", format: .tsv)
        #expect(b.encoding == .utf16LittleEndian)
        #expect(try b.allRows() == [["id", "name"], ["1", "Łucja 💬"]])
        let be: [UInt8] = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let c = try DelimitedReader(bytes: be, file: "u.tsv")
        #expect(c.encoding == .utf16BigEndian)
        #expect(try c.allRows() == [["id", "name"], ["1", "Łucja 💬"]])
        #expect(try DelimitedReader(bytes: Array("a,b\n".utf8), file: "p.csv").encoding == .utf8)
        // A byte Windows-1252 leaves undefined: refused, with how to re-save the file.
        let error = #expect(throws: TableError.self) { try DelimitedReader(bytes: Array("a\nb".utf8) + [0x81, 0xE9, 0x0A], file: "x.csv") }
        #expect(error?.line == 2)
        #expect(error?.message.contains("0x81") == true && error?.message.contains("CSV UTF-8 (Comma delimited)") == true)
    }

    @Test("numbers parse from bytes; format sniffing")
    func numbers() throws {
        var values: [(Int?, Double?)] = []
        try DelimitedReader(bytes: Array("-12,3.5e2\nx,\n".utf8), file: "n.csv").forEachRecord { r in
            values.append((r.integer(0), r.double(1)))
        }
        #expect(values[0].0 == -12 && values[0].1 == 350)
        #expect(values[1].0 == nil && values[1].1 == nil)
        #expect(DelimitedFormat.sniff(Array("a\tb".utf8)) == .tsv)
        #expect(DelimitedFormat.sniff(Array("a b".utf8)) == .whitespace)
    }

    @Test("atomic writes replace the file whole and leave no temporary behind")
    func atomic() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-atomic-\(UUID().uuidString)")
        let url = dir.appendingPathComponent("out.csv")
        try AtomicFile.write("first", to: url)
        try AtomicFile.write("second", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    }
}

/// The encodings Skein reads text tables in. Excel saves "CSV" as Windows-1252 on most Windows
/// machines and "Unicode Text" as UTF-16, so a file from a spreadsheet is detected and read as
/// UTF-8, whatever it was saved as, with its line breaks (and so every error's line) kept.
public enum TextEncoding: String, Sendable, Equatable {
    case utf8 = "UTF-8"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    case windows1252 = "Windows-1252"

    /// How to save a spreadsheet so Skein reads it without guessing.
    public static let resaveHint = "in Excel choose File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\"; in LibreOffice tick \"Edit filter settings\" and pick Unicode (UTF-8)"

    /// `bytes` as UTF-8 (any byte-order mark removed) and the encoding they were read in. Text that
    /// is valid UTF-8 is returned unchanged; UTF-16 is recognised by its byte-order mark or by the
    /// zero bytes of ASCII characters; anything else that is not UTF-8 is read as Windows-1252
    /// unless it holds a byte that encoding leaves undefined.
    public static func decode(_ bytes: [UInt8], file: String) throws -> (bytes: [UInt8], encoding: TextEncoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (Array(bytes.dropFirst(3)), .utf8) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (try utf16(bytes.dropFirst(2), bigEndian: false, file: file), .utf16LittleEndian) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (try utf16(bytes.dropFirst(2), bigEndian: true, file: file), .utf16BigEndian) }
        if let bigEndian = looksLikeUTF16(bytes) { return (try utf16(bytes[...], bigEndian: bigEndian, file: file), bigEndian ? .utf16BigEndian : .utf16LittleEndian) }
        var ascii = true
        for byte in bytes where byte >= 0x80 { ascii = false; break }
        if ascii || String(validating: bytes, as: UTF8.self) != nil { return (bytes, .utf8) }
        return (try windows1252(bytes, file: file), .windows1252)
    }

    /// Without a byte-order mark, UTF-16 text of mostly ASCII characters has a zero in every other
    /// byte: in the odd places for little-endian, the even ones for big-endian. nil: not UTF-16.
    static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool? {
        let sample = bytes.prefix(512)
        guard sample.count >= 4 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        for (i, byte) in sample.enumerated() where byte == 0 {
            if i % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
        }
        let half = sample.count / 2
        if zeroOdd * 10 >= half * 7 && zeroEven * 10 < half { return false }
        if zeroEven * 10 >= half * 7 && zeroOdd * 10 < half { return true }
        return nil
    }

    static func utf16(_ body: ArraySlice<UInt8>, bigEndian: Bool, file: String) throws -> [UInt8] {
        guard body.count % 2 == 0 else {
            throw TableError(file: file, line: 0, message: "UTF-16 text with an odd number of bytes (the file is cut short); \(resaveHint)")
        }
        var units = [UInt16]()
        units.reserveCapacity(body.count / 2)
        var i = body.startIndex
        while i < body.endIndex {
            let a = UInt16(body[i]), b = UInt16(body[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        var out = [UInt8]()
        out.reserveCapacity(units.count)
        var line = 1
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                if scalar == "\n" { line += 1 }
                out.append(contentsOf: String(scalar).utf8)
            case .emptyInput: break loop
            case .error:
                throw TableError(file: file, line: line, message: "invalid UTF-16 (an unpaired surrogate); \(resaveHint)")
            }
        }
        return out
    }

    /// Windows-1252's characters for bytes 0x80–0x9F (0 where the encoding defines none); the
    /// other bytes are the Unicode scalars of the same value (Latin-1).
    static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    static func windows1252(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var line = 1, column = 1
        for byte in bytes {
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            if byte < 0x80 {
                if byte == 0 {
                    throw TableError(file: file, line: line, column: column - 1,
                                     message: "a zero byte: this is not a text table in UTF-8, UTF-16 or Windows-1252; \(resaveHint)")
                }
                out.append(byte)
                continue
            }
            let code = byte < 0xA0 ? high[Int(byte) - 0x80] : UInt32(byte)
            guard code != 0, let scalar = Unicode.Scalar(code) else {
                throw TableError(file: file, line: line,
                                 message: "byte 0x\(String(byte, radix: 16, uppercase: true)) is neither UTF-8 nor Windows-1252 text (the encoding is unknown); \(resaveHint)")
            }
            out.append(contentsOf: String(scalar).utf8)
        }
        return out
    }
}

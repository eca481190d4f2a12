import Foundation

/// Builds RFC 4180 CSV for outputs meant for spreadsheets. Fields are quoted when they hold a
/// comma, quote or line break; text fields that a spreadsheet would run as a formula (starting with
/// =, +, -, @, tab or carriage return) get a leading apostrophe, so untrusted labels from event
/// input or node files cannot inject formulas. Numbers are written by the caller as numbers.
///
/// The text is built as UTF-8 bytes, field by field: a million-row assignments file is millions of
/// fields, and a String and an array per row cost more than the numbers themselves.
public struct CSVWriter {
    private var bytes: [UInt8] = []
    /// Whether the current row has a field (the next one needs a comma).
    private var rowOpen = false

    public init(header: [String]) { row(header) }
    private init() {}

    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public var data: Data { Data(bytes) }

    /// A row of already-formatted fields; `text` fields are escaped and neutralised.
    public mutating func row(_ fields: [String]) {
        for f in fields { field(f) }
        endRow()
    }

    /// Appends a text field to the current row, escaped and neutralised (numbers in text pass unchanged).
    public mutating func field(_ value: String) {
        separate()
        let utf8 = value.utf8
        let formula = utf8.first.map { $0 == 61 || $0 == 43 || $0 == 45 || $0 == 64 || $0 == 9 || $0 == 13 } ?? false && Double(value) == nil
        let quoted = utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        if quoted { bytes.append(34) }
        if formula { bytes.append(39) }
        if quoted {
            for b in utf8 {
                if b == 34 { bytes.append(34) }
                bytes.append(b)
            }
            bytes.append(34)
        } else {
            bytes.append(contentsOf: utf8)
        }
    }

    /// Appends an integer field.
    public mutating func integer(_ value: Int) {
        separate()
        if value < 0 { bytes.append(45) }
        Self.appendDigits(UInt64(value.magnitude), to: &bytes)
    }

    /// Appends `x` with exactly `places` decimals (see `fixed(_:places:)`).
    public mutating func fixed(_ x: Double, places: Int) {
        separate()
        Self.appendFixed(x, places: places, to: &bytes)
    }

    /// Appends an empty field.
    public mutating func empty() { separate() }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(10)
        rowOpen = false
    }

    private mutating func separate() {
        if rowOpen { bytes.append(44) }
        rowOpen = true
    }

    /// One field, escaped: numbers pass through unchanged, formula-like text is neutralised.
    public static func field(_ value: String) -> String {
        var one = CSVWriter()
        one.field(value)
        return one.text
    }

    /// `x` with exactly `places` decimals, as "%.Nf" writes it (halves away from zero; no "-0"),
    /// without Foundation's format parser, which costs microseconds a call.
    public static func fixed(_ x: Double, places: Int) -> String {
        var out: [UInt8] = []
        appendFixed(x, places: places, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendFixed(_ x: Double, places: Int, to out: inout [UInt8]) {
        let scale = [1.0, 10, 100, 1_000, 10_000, 100_000, 1_000_000][min(max(places, 0), 6)]
        guard x.isFinite, abs(x) * scale < 9e15, places <= 6 else {
            out.append(contentsOf: String(format: "%.\(places)f", x).utf8)
            return
        }
        let scaled = UInt64((abs(x) * scale).rounded())
        let unit = UInt64(scale)
        if x < 0 && scaled != 0 { out.append(45) }
        appendDigits(scaled / unit, to: &out)
        if places > 0 {
            out.append(46)
            appendDigits(scaled % unit, width: places, to: &out)
        }
    }

    /// The decimal digits of `value`, left-padded with zeros to `width`, written in place (no
    /// temporary: a million-row file writes millions of numbers).
    private static func appendDigits(_ value: UInt64, width: Int = 1, to out: inout [UInt8]) {
        var count = 1, v = value
        while v >= 10 { v /= 10; count += 1 }
        count = max(count, width)
        let start = out.count
        out.append(contentsOf: repeatElement(48, count: count))
        v = value
        for i in stride(from: start + count - 1, through: start, by: -1) where v > 0 {
            out[i] = 48 + UInt8(v % 10)
            v /= 10
        }
    }
}

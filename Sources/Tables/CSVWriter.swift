/// Builds RFC 4180 CSV text for outputs meant for spreadsheets. Fields are quoted when they hold a
/// comma, quote or line break; text fields that a spreadsheet would run as a formula (starting with
/// =, +, -, @, tab or carriage return) get a leading apostrophe, so untrusted labels from event
/// input or node files cannot inject formulas. Numbers are written by the caller as numbers.
public struct CSVWriter {
    public private(set) var text = ""

    public init(header: [String]) { row(header) }

    /// A row of already-formatted fields; `text` fields are escaped and neutralised.
    public mutating func row(_ fields: [String]) {
        text += fields.map(Self.field).joined(separator: ",")
        text += "\n"
    }

    /// One field, escaped: numbers pass through unchanged, formula-like text is neutralised.
    /// Scans UTF-8 bytes (the characters that matter are all ASCII): a million-row assignments
    /// file is millions of fields.
    public static func field(_ value: String) -> String {
        var v = value
        if let first = v.utf8.first, first == 61 || first == 43 || first == 45 || first == 64 || first == 9 || first == 13, Double(v) == nil {
            v = "'" + v
        }
        if v.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    /// `x` with exactly `places` decimals, as "%.Nf" writes it (halves away from zero; no "-0"),
    /// without Foundation's format parser, which costs microseconds a call.
    public static func fixed(_ x: Double, places: Int) -> String {
        let scale = [1.0, 10, 100, 1_000, 10_000, 100_000, 1_000_000][min(max(places, 0), 6)]
        guard x.isFinite, abs(x) * scale < 9e15, places <= 6 else { return String(format: "%.\(places)f", x) }
        let scaled = UInt64((abs(x) * scale).rounded())
        let unit = UInt64(scale)
        var out = x < 0 && scaled != 0 ? "-" : ""
        out += String(scaled / unit)
        if places > 0 {
            let fraction = String(scaled % unit)
            out += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return out
    }
}

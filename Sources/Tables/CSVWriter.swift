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
    public static func field(_ value: String) -> String {
        var v = value
        if let first = v.first, "=+-@\t\r".contains(first), Double(v) == nil { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}

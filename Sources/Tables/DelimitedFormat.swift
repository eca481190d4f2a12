/// How fields in a text table are separated.
public enum DelimitedFormat: Sendable, Hashable, CustomStringConvertible {
    /// RFC 4180 with a single-byte delimiter (',' for CSV, '\t' for TSV): quoted fields may hold the
    /// delimiter, doubled quotes and line breaks.
    case delimited(UInt8)
    /// Runs of spaces or tabs separate fields (edge lists, Pajek); no quoting.
    case whitespace

    public static let csv = DelimitedFormat.delimited(UInt8(ascii: ","))
    public static let tsv = DelimitedFormat.delimited(UInt8(ascii: "\t"))

    /// Guesses the format from the first line: a tab, else a comma, else whitespace.
    public static func sniff(_ firstLine: some Sequence<UInt8>) -> DelimitedFormat {
        var sawComma = false
        for byte in firstLine {
            if byte == UInt8(ascii: "\t") { return .tsv }
            if byte == UInt8(ascii: ",") { sawComma = true }
        }
        return sawComma ? .csv : .whitespace
    }

    public var description: String {
        switch self {
        case .whitespace: return "whitespace-separated"
        case let .delimited(byte) where byte == UInt8(ascii: ","): return "CSV"
        case let .delimited(byte) where byte == UInt8(ascii: "\t"): return "TSV"
        case let .delimited(byte): return "delimited by '\(Character(Unicode.Scalar(byte)))'"
        }
    }
}

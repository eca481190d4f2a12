import Tables

/// Escaping for XML text and attribute values: every node label and attribute value is
/// untrusted (it came from a survey export or an event), so all five special characters are
/// escaped and characters XML 1.0 forbids are dropped.
enum XMLText {
    static func escape(_ text: String) -> String { MarkupText.escape(text) }

    /// A number as XML Schema `double` text (shortest round-trip form; INF/NaN spelled as XSD does).
    static func number(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "INF" : "-INF" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) + ".0" }
        return "\(x)"
    }
}

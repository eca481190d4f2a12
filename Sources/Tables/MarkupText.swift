/// Escaping for untrusted text written into XML or HTML (node labels, attribute values, event
/// responses): all five special characters become entities and the control characters XML 1.0
/// forbids are dropped, so `<script>` or `"><img onerror=…>` is shown as text and the file stays
/// well formed. One function serves GraphML/GEXF writers and HTML reports.
public enum MarkupText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

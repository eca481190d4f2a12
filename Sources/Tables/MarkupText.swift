/// Escaping for untrusted text written into XML or HTML (node labels, attribute values, event
/// responses): all five special characters become entities and the control characters XML 1.0
/// forbids are dropped, so `<script>` or `"><img onerror=…>` is shown as text and the file stays
/// well formed. One function serves GraphML/GEXF writers and HTML reports.
public enum MarkupText {
    /// `escape(text)`'s UTF-8 bytes appended to `out`, read byte by byte: the markup characters
    /// and the scalars XML cannot hold (controls other than tab and line breaks, U+FFFE, U+FFFF)
    /// are all ASCII or the three-byte sequences EF BF BE / EF BF BF.
    public static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            var run = 0   // start of the bytes copied as they are
            func flush(_ end: Int) { if end > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<end])) } }
            while i < n {
                let b = bytes[i]
                if b >= 0x20 && b != 0x26 && b != 0x3C && b != 0x3E && b != 0x22 && b != 0x27 && b != 0xEF { i += 1; continue }
                if b == 0xEF {
                    if i + 2 < n, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF {
                        flush(i)
                        i += 3
                        run = i
                    } else {
                        i += 1
                    }
                    continue
                }
                flush(i)
                switch b {
                case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])              // &amp;
                case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])                    // &lt;
                case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])                    // &gt;
                case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])        // &quot;
                case 0x27: out.append(contentsOf: [0x26, 0x61, 0x70, 0x6F, 0x73, 0x3B])        // &apos;
                case 0x09, 0x0A, 0x0D: out.append(b)
                default: break                                                                  // other controls
                }
                i += 1
                run = i
            }
            flush(n)
        }
    }

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

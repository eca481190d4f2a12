import Foundation

/// A response as a quote people read: whitespace collapsed, and shortened at a word boundary with
/// an ellipsis when it runs past `limit` characters, so a 350-word essay does not fill a page.
public enum Quote {
    public static let limit = 240

    public static func shortened(_ text: String, limit: Int = Quote.limit) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        let collapsed = words.joined(separator: " ")
        guard collapsed.count > limit else { return collapsed }
        var out = ""
        for w in words {
            if out.count + w.count + 1 > limit - 1 { break }
            out += out.isEmpty ? String(w) : " " + w
        }
        if out.isEmpty { out = String(collapsed.prefix(limit - 1)) }
        return out + "…"
    }
}

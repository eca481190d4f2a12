import Foundation

/// Turns a response into terms: Unicode compatibility normalisation (NFKC) and case folding, then
/// words made of letters and digits that may be joined by a hyphen, ampersand or apostrophe
/// inside the word ("co-production", "a&e", "don't"), English stop words (plus the caller's)
/// removed, numbers dropped, and Porter2 stems (a hyphenated word keeps its prefix and stems its
/// last part). Remembers the commonest surface form of each stem, so labels read as words.
public struct Tokenizer: Sendable {
    public var stopWords: Set<String>
    public var stem: Bool
    let stemmer = Porter2Stemmer()

    public init(extraStopWords: [String] = [], stem: Bool = true) {
        stopWords = EnglishStopWords.words.union(extraStopWords.map { $0.lowercased() })
        self.stem = stem
    }

    /// Normalised lowercase text (NFKC, case folded).
    public static func normalise(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 128 }) { return text.lowercased() }
        return text.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
    }

    /// The surface words of a normalised text, in order, before stop words.
    public static func words(_ normalised: String) -> [Substring] {
        if normalised.utf8.allSatisfy({ $0 < 128 }) { return asciiWords(normalised) }
        var out: [Substring] = []
        let scalars = normalised.unicodeScalars
        var i = scalars.startIndex
        func isWordScalar(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || s.properties.numericType != nil }
        while i < scalars.endIndex {
            guard isWordScalar(scalars[i]) else { i = scalars.index(after: i); continue }
            let start = i
            var end = scalars.index(after: i)
            while end < scalars.endIndex {
                let c = scalars[end]
                if isWordScalar(c) { end = scalars.index(after: end); continue }
                // A joiner counts only between two word characters.
                if c == "-" || c == "&" || c == "'" || c == "’" {
                    let next = scalars.index(after: end)
                    if next < scalars.endIndex && isWordScalar(scalars[next]) { end = scalars.index(after: next); continue }
                }
                break
            }
            out.append(Substring(normalised.unicodeScalars[start..<end]))
            i = end
        }
        return out
    }

    /// The same rule on ASCII text, byte by byte.
    static func asciiWords(_ text: String) -> [Substring] {
        var out: [Substring] = []
        let utf8 = Array(text.utf8)
        @inline(__always) func isWord(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) }
        var i = 0
        while i < utf8.count {
            guard isWord(utf8[i]) else { i += 1; continue }
            let start = i
            i += 1
            while i < utf8.count {
                if isWord(utf8[i]) { i += 1; continue }
                let c = utf8[i]
                if (c == 45 || c == 38 || c == 39) && i + 1 < utf8.count && isWord(utf8[i + 1]) { i += 2; continue }
                break
            }
            let a = text.utf8.index(text.utf8.startIndex, offsetBy: start), b = text.utf8.index(text.utf8.startIndex, offsetBy: i)
            out.append(text[a..<b])
        }
        return out
    }

    /// Calls `body` with the UTF-8 bytes of each normalised surface word of `text`, in order
    /// (curly apostrophes made straight), before stop words. ASCII text — most responses — is
    /// lowercased and split byte by byte with no `String` per word; other text goes through NFKC
    /// and case folding first. `scratch` is reused across calls.
    public static func forEachWord(in text: String, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        if text.utf8.contains(where: { $0 == 91 || $0 == 60 || $0 == 123 }) { text = withoutPlaceholders(text) }
        let ascii: Bool = text.withUTF8 { u in
            var high: UInt8 = 0
            for b in u { high |= b }
            guard high < 128 else { return false }
            @inline(__always) func isWord(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) }
            var i = 0
            while i < u.count {
                guard isWord(u[i]) else { i += 1; continue }
                scratch.removeAll(keepingCapacity: true)
                while i < u.count {
                    let c = u[i]
                    if isWord(c) {
                        scratch.append(c >= 65 && c <= 90 ? c + 32 : c)
                        i += 1
                    } else if (c == 45 || c == 38 || c == 39) && i + 1 < u.count && isWord(u[i + 1]) {
                        scratch.append(c)
                        i += 1
                    } else {
                        break
                    }
                }
                scratch.withUnsafeBufferPointer(body)
            }
            return true
        }
        guard !ascii else { return }
        for w in words(normalise(text)) {
            scratch.removeAll(keepingCapacity: true)
            for s in w.unicodeScalars {
                if s == "’" { scratch.append(39) } else { scratch.append(contentsOf: String(s).utf8) }
            }
            scratch.withUnsafeBufferPointer(body)
        }
    }

    /// Words that, alone in brackets, are a redaction placeholder: `[name]`, `<PERSON>`,
    /// `{redacted}`, `[NHS number]` and Skein's own placeholders. Other bracketed text (`<div>`,
    /// `List<string>`, `[closed]`) is content and kept.
    static let placeholderWords: Set<String> = [
        "name", "names", "redacted", "removed", "person", "persons", "people", "staff", "staff name", "patient", "patient name",
        "nurse name", "doctor name", "email", "e-mail", "email address", "phone", "phone number", "telephone", "number",
        "nhs number", "postcode", "post code", "address", "location", "loc", "per", "dob", "date of birth", "org",
        "organisation", "organization", "hospital", "ward", "masked", "anonymised", "anonymized", "nhs_number", "phone_number",
    ]

    /// Whether bracketed text is a placeholder: a listed word in any case, with `_` for spaces
    /// (`[name]`, `<PERSON>`, `[PHONE_NUMBER]`), as people and redaction tools write them. Code
    /// such as `<div>` or `<HTML>` is not listed and stays.
    static func isPlaceholder(_ inner: String) -> Bool {
        let words = inner.lowercased().replacingOccurrences(of: "_", with: " ").split(separator: " ").joined(separator: " ")
        return placeholderWords.contains(words)
    }

    /// Text with redaction placeholders in brackets (`isPlaceholder`) replaced by a space, so a
    /// mask never becomes a theme's term.
    public static func withoutPlaceholders(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        let closing: [Unicode.Scalar: Unicode.Scalar] = ["[": "]", "<": ">", "{": "}"]
        scan: while i < scalars.count {
            if let close = closing[scalars[i]] {
                var j = i + 1
                while j < scalars.count && j - i <= 41 && scalars[j] != close { j += 1 }
                if j < scalars.count && scalars[j] == close && j > i + 1 {
                    let inner = String(String.UnicodeScalarView(scalars[(i + 1)..<j]))
                    if isPlaceholder(inner) { out.append(" "); i = j + 1; continue scan }
                }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    /// Whether a normalised word is a redaction mask: three or more x's (`xxx`, `XXXX`).
    public static func isMask(_ word: String) -> Bool {
        word.utf8.count >= 3 && word.utf8.allSatisfy { $0 == 120 }
    }

    /// The term a normalised surface word stands for (its stem), or nil when it is dropped: a stop
    /// word, a single character, a number, or a redaction mask.
    public func term(forWord word: String) -> String? {
        guard word.count >= 2, !stopWords.contains(word), word.contains(where: { $0.isLetter }), !Self.isMask(word) else { return nil }
        return stem ? stemmed(word) : word
    }

    /// Terms of one response (stems), and each term's surface word.
    public func terms(_ text: String) -> [(term: String, word: String)] {
        var out: [(String, String)] = []
        var scratch: [UInt8] = []
        Self.forEachWord(in: text, scratch: &scratch) { bytes in
            let word = String(decoding: bytes, as: UTF8.self)
            if let term = term(forWord: word) { out.append((term, word)) }
        }
        return out
    }

    func stemmed(_ word: String) -> String {
        guard let dash = word.lastIndex(of: "-") else { return stemmer.stem(word) }
        return String(word[...dash]) + stemmer.stem(String(word[word.index(after: dash)...]))
    }
}

import Foundation

/// The short answers that mean "nothing to say" — "Nothing", "No", "None", "N/A", "Nothing to
/// improve" — the commonest answer to "what could we improve?". Under TF-IDF they hold no terms and
/// would be dropped as empty; they are an answer, so they form a theme of their own.
public struct ShortAnswers: Sendable, Equatable {
    public var phrases: Set<String>
    public var label: String

    public init(phrases: [String], label: String = "nothing / no answer (short answers)") {
        self.phrases = Set(phrases.map(Self.normalise).filter { !$0.isEmpty })
        self.label = label
    }

    public static let standard = ShortAnswers(phrases: [
        "nothing", "no", "none", "n/a", "na", "nil", "nope", "no comment", "no comments", "not applicable",
        "nothing to improve", "nothing to add", "nothing else", "nothing really", "nothing at all", "nothing more",
        "none really", "none at all", "no improvements", "no improvement needed", "no improvements needed",
        "nothing to say", "no suggestions", "none at present", "nothing at present", "nothing i can think of",
        "can't think of anything", "cannot think of anything", "not sure", "don't know", "dont know", "no idea",
    ])

    /// Lower case, punctuation other than `/` and apostrophes removed, spaces collapsed, and a
    /// closing "thanks" / "thank you" dropped.
    public static func normalise(_ text: String) -> String {
        asciiNormalised(text) ?? unicodeNormalised(text)
    }

    /// `normalise` scalar by scalar, for any text.
    static func unicodeNormalised(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for s in Tokenizer.normalise(text).unicodeScalars {
            if s.properties.isAlphabetic || s.properties.numericType != nil || s == "/" || s == "'" { kept.append(s) }
            else if s == "’" { kept.append("'") }
            else { kept.append(" ") }
        }
        var words = String(kept).split(separator: " ").map(String.init)
        if words.count > 1, words.last == "thanks" { words.removeLast() }
        if words.count > 2, words.suffix(2) == ["thank", "you"] { words.removeLast(2) }
        return words.joined(separator: " ")
    }

    /// `normalise` of an ASCII text, byte by byte (every response of an English survey goes
    /// through here once when repeats are counted); nil for any other text.
    static func asciiNormalised(_ text: String) -> String? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            var wordStarts: [Int] = []
            var pendingSpace = false
            for b in bytes {
                guard b < 128 else { return nil }
                let c = b >= 65 && b <= 90 ? b + 32 : b
                let kept = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 47 || c == 39
                if !kept { pendingSpace = true; continue }
                if out.isEmpty || pendingSpace {
                    if !out.isEmpty { out.append(32) }
                    wordStarts.append(out.count)
                    pendingSpace = false
                }
                out.append(c)
            }
            func word(_ k: Int) -> ArraySlice<UInt8> {
                out[wordStarts[k]..<(k + 1 < wordStarts.count ? wordStarts[k + 1] - 1 : out.count)]
            }
            // As the scalar path: a closing "thanks" first, then a closing "thank you".
            if wordStarts.count > 1, word(wordStarts.count - 1).elementsEqual("thanks".utf8) {
                out.removeSubrange((wordStarts.removeLast() - 1)...)
            }
            let w = wordStarts.count
            if w > 2, word(w - 2).elementsEqual("thank".utf8), word(w - 1).elementsEqual("you".utf8) {
                out.removeSubrange((wordStarts[w - 2] - 1)...)
            }
            return String(decoding: out, as: UTF8.self)
        } ?? nil
    }

    public func matches(_ text: String) -> Bool {
        guard text.utf8.count <= 64 else { return false }
        return phrases.contains(Self.normalise(text))
    }
}

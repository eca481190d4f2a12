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

    /// Terms of one response (stems), and each term's surface word.
    public func terms(_ text: String) -> [(term: String, word: String)] {
        var out: [(String, String)] = []
        for w in Self.words(Self.normalise(text)) {
            let word = w.replacingOccurrences(of: "’", with: "'")
            guard word.count >= 2, !stopWords.contains(word), word.contains(where: { $0.isLetter }) else { continue }
            out.append((stem ? stemmed(word) : word, word))
        }
        return out
    }

    func stemmed(_ word: String) -> String {
        guard let dash = word.lastIndex(of: "-") else { return stemmer.stem(word) }
        return String(word[...dash]) + stemmer.stem(String(word[word.index(after: dash)...]))
    }
}

import Foundation

/// BERT's tokenizer as Hugging Face's `BertTokenizerFast` applies it (tokenizer.json's
/// BertNormalizer, BertPreTokenizer and WordPiece model), so token ids match the ones the model was
/// trained on: control characters removed and whitespace unified, CJK ideographs spaced apart,
/// accents stripped (NFD, nonspacing marks dropped) and lower-cased when the model is uncased,
/// words split at whitespace and punctuation, then greedy longest-match word pieces with `##`
/// continuations. Everything works on Unicode scalars and UTF-8 bytes, as the reference does: Swift's
/// `Character` and `String` equality would merge canonically equivalent spellings that BERT keeps apart.
public struct WordPieceTokenizer: Sendable {
    public let lowercase: Bool
    public let stripAccents: Bool
    public let spaceCJK: Bool
    public let maxCharactersPerWord = 100
    public let vocabularySize: Int
    public let pad: Int32, unknown: Int32, classify: Int32, separator: Int32, mask: Int32

    private let vocabulary: [[UInt8]: Int32]
    private let specials: [(text: [Unicode.Scalar], id: Int32)]

    /// Reads `vocab.txt` (one token per line, the line number its id).
    public init(vocabulary url: URL, lowercase: Bool = true, stripAccents: Bool? = nil, spaceCJK: Bool = true) throws {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw EncoderError.missing(path: url.path, hint: "The model folder needs its vocab.txt.")
        }
        var tokens = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if tokens.last == "" { tokens.removeLast() }
        try self.init(tokens: tokens, lowercase: lowercase, stripAccents: stripAccents, spaceCJK: spaceCJK, path: url.path)
    }

    public init(tokens: [String], lowercase: Bool = true, stripAccents: Bool? = nil, spaceCJK: Bool = true, path: String = "vocabulary") throws {
        var vocabulary: [[UInt8]: Int32] = [:]
        vocabulary.reserveCapacity(tokens.count)
        for (i, token) in tokens.enumerated() where vocabulary[Array(token.utf8)] == nil {
            vocabulary[Array(token.utf8)] = Int32(i)
        }
        func id(_ name: String) throws -> Int32 {
            guard let id = vocabulary[Array(name.utf8)] else { throw EncoderError.vocabulary(path: path, why: "lacks \(name)") }
            return id
        }
        self.vocabulary = vocabulary
        vocabularySize = tokens.count
        pad = try id("[PAD]"); unknown = try id("[UNK]"); classify = try id("[CLS]"); separator = try id("[SEP]"); mask = try id("[MASK]")
        specials = [("[PAD]", pad), ("[UNK]", unknown), ("[CLS]", classify), ("[SEP]", separator), ("[MASK]", mask)]
            .map { (Array($0.0.unicodeScalars), $0.1) }
        self.lowercase = lowercase
        self.stripAccents = stripAccents ?? lowercase
        self.spaceCJK = spaceCJK
    }

    /// `[CLS] pieces… [SEP]`, at most `maxLength` ids (pieces past the limit are cut, as the
    /// reference's longest-first truncation does for one sequence).
    public func encode(_ text: String, maxLength: Int = 256) -> [Int32] {
        var ids: [Int32] = [classify]
        let room = max(0, maxLength - 2)
        var pieces: [Int32] = []
        forEachSegment(of: Array(text.unicodeScalars)) { segment, special in
            guard pieces.count < room else { return }
            if let special { pieces.append(special) } else { pieces.append(contentsOf: wordPieces(of: segment)) }
        }
        ids.append(contentsOf: pieces.prefix(room))
        ids.append(separator)
        return ids
    }

    /// Word pieces of text without special tokens: normalise, split, then match.
    public func wordPieces(of scalars: [Unicode.Scalar]) -> [Int32] {
        var out: [Int32] = []
        var word: [Unicode.Scalar] = []
        func flush() {
            if !word.isEmpty { match(word, into: &out); word.removeAll(keepingCapacity: true) }
        }
        for scalar in normalise(scalars) {
            if scalar.properties.isWhitespace {
                flush()
            } else if Self.isPunctuation(scalar) {
                flush(); match([scalar], into: &out)
            } else {
                word.append(scalar)
            }
        }
        flush()
        return out
    }

    /// Splits raw text at literal special tokens, which the reference matches before normalising.
    private func forEachSegment(of scalars: [Unicode.Scalar], _ body: ([Unicode.Scalar], Int32?) -> Void) {
        var start = 0, i = 0
        while i < scalars.count {
            if scalars[i] == "[", let special = specials.first(where: { s in
                i + s.text.count <= scalars.count && scalars[i..<(i + s.text.count)].elementsEqual(s.text)
            }) {
                if start < i { body(Array(scalars[start..<i]), nil) }
                body([], special.id)
                i += special.text.count
                start = i
            } else {
                i += 1
            }
        }
        if start < scalars.count { body(Array(scalars[start...]), nil) }
    }

    /// BertNormalizer: clean, space CJK, strip accents, lower-case — in that order.
    func normalise(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var cleaned = String.UnicodeScalarView()
        for s in scalars {
            if s.value == 0 || s.value == 0xFFFD || Self.isControl(s) { continue }
            if Self.isWhitespace(s) { cleaned.append(" "); continue }
            if spaceCJK && Self.isCJK(s) { cleaned.append(" "); cleaned.append(s); cleaned.append(" "); continue }
            cleaned.append(s)
        }
        var text = String(cleaned)
        if stripAccents {
            text = String(String.UnicodeScalarView(text.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                $0.properties.generalCategory != .nonspacingMark
            }))
        }
        guard lowercase else { return Array(text.unicodeScalars) }
        var lowered: [Unicode.Scalar] = []
        lowered.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            if s.isASCII { lowered.append(s.value >= 65 && s.value <= 90 ? Unicode.Scalar(s.value + 32)! : s); continue }
            lowered.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
        }
        return lowered
    }

    /// Greedy longest-match-first word pieces; a word with no full cover, or longer than 100
    /// characters, is one `[UNK]`.
    private func match(_ word: [Unicode.Scalar], into out: inout [Int32]) {
        guard word.count <= maxCharactersPerWord else { out.append(unknown); return }
        var bytes: [UInt8] = [], boundaries: [Int] = [0]
        for s in word {
            bytes.append(contentsOf: String(s).utf8)
            boundaries.append(bytes.count)
        }
        let mark = out.count
        var start = 0
        var key: [UInt8] = []
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                key.removeAll(keepingCapacity: true)
                if start > 0 { key.append(0x23); key.append(0x23) }
                key.append(contentsOf: bytes[boundaries[start]..<boundaries[end]])
                if let id = vocabulary[key] { found = id; break }
                end -= 1
            }
            guard let found else {
                out.removeSubrange(mark...)
                out.append(unknown)
                return
            }
            out.append(found)
            start = end
        }
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        if s == "\t" || s == "\n" || s == "\r" { return false }
        switch s.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate: return true
        default: return false
        }
    }

    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        s == "\t" || s == "\n" || s == "\r" || s.properties.isWhitespace
    }

    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v)
        }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
             0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F: return true
        default: return false
        }
    }
}

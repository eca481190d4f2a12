import Foundation
import NumericCore

/// What `skein analyse` fitted, saved in its folder (`fitted.json` and `centres.npy`) so that
/// `skein assign` places new responses into the same themes: the embedding used, the TF-IDF
/// vocabulary with its idf weights and the tokenizer's settings, each theme's centre (unit mean of
/// its members, in TF-IDF term space or the encoder's space), the "other" threshold, the
/// short-answer list and the redaction settings. Versioned: a later Skein reads version 1 or says
/// why it cannot.
public struct FittedThemes: Codable, Sendable, Equatable {
    public static let currentVersion = 1
    public var version: Int
    /// "tfidf", or the encoder's name ("minilm").
    public var embedding: String
    public var seed: UInt64
    public var otherThreshold: Double
    public var stem: Bool
    public var bigrams: Bool
    public var extraStopWords: [String]
    /// The short-answer phrases (nil: switched off) and the theme they form, when any did.
    public var shortAnswers: [String]?
    public var shortAnswerTheme: Int?
    public var redact: Bool
    /// The names list redaction used, as a path (the roster itself never goes into an output folder).
    public var namesFile: String?
    public var terms: [String]
    public var idf: [Double]
    /// Theme ids and labels, in the order of the rows of centres.npy.
    public var themes: [Label]
    public struct Label: Codable, Sendable, Equatable {
        public var id: Int
        public var label: String
        public init(id: Int, label: String) { self.id = id; self.label = label }
    }

    public init(version: Int, embedding: String, seed: UInt64, otherThreshold: Double, stem: Bool, bigrams: Bool,
                extraStopWords: [String], shortAnswers: [String]?, shortAnswerTheme: Int?, redact: Bool, namesFile: String?,
                terms: [String], idf: [Double], themes: [Label]) {
        self.version = version; self.embedding = embedding; self.seed = seed; self.otherThreshold = otherThreshold
        self.stem = stem; self.bigrams = bigrams; self.extraStopWords = extraStopWords; self.shortAnswers = shortAnswers
        self.shortAnswerTheme = shortAnswerTheme; self.redact = redact; self.namesFile = namesFile; self.terms = terms
        self.idf = idf; self.themes = themes
    }

    enum CodingKeys: String, CodingKey {
        case version, embedding, seed, stem, bigrams, terms, idf, themes, redact
        case namesFile = "names_file"
        case otherThreshold = "other_threshold", extraStopWords = "extra_stop_words", shortAnswers = "short_answers"
        case shortAnswerTheme = "short_answer_theme"
    }

    public static let file = "fitted.json", centresFile = "centres.npy"

    public var tokenizer: Tokenizer { Tokenizer(extraStopWords: extraStopWords, stem: stem) }

    /// Unit-length mean of each listed theme's member rows; `row(i)` yields row i's (column, value) pairs.
    public static func centres(themes: [Int], assignments: [Int], dimension: Int,
                               row: (Int) -> [(column: Int, value: Double)]) -> [Float] {
        var index = [Int: Int]()
        for (k, t) in themes.enumerated() { index[t] = k }
        var sums = [Double](repeating: 0, count: themes.count * dimension)
        for (i, a) in assignments.enumerated() {
            guard let k = index[a] else { continue }
            for (c, v) in row(i) { sums[k * dimension + c] += v }
        }
        var out = [Float](repeating: 0, count: sums.count)
        for k in themes.indices {
            let norm = (0..<dimension).reduce(0.0) { $0 + sums[k * dimension + $1] * sums[k * dimension + $1] }.squareRoot()
            guard norm > 0 else { continue }
            for j in 0..<dimension { out[k * dimension + j] = Float(sums[k * dimension + j] / norm) }
        }
        return out
    }

    /// A response's TF-IDF row on the fitted vocabulary, as `TfidfVectorizer.fit` weighs it
    /// (sublinear counts × idf, unit length), and whether it held any term at all.
    public func tfidfRow(_ text: String, tokenizer: Tokenizer, column: [String: Int]) -> (row: [(column: Int, value: Double)], hasTerms: Bool) {
        var sequence: [String] = []
        var scratch: [UInt8] = []
        Tokenizer.forEachWord(in: text, scratch: &scratch) { bytes in
            if let term = tokenizer.term(forWord: String(decoding: bytes, as: UTF8.self)) { sequence.append(term) }
        }
        var counts: [Int: Int] = [:]
        for t in sequence { if let c = column[t] { counts[c, default: 0] += 1 } }
        if bigrams && sequence.count > 1 {
            for k in 1..<sequence.count { if let c = column[sequence[k - 1] + " " + sequence[k]] { counts[c, default: 0] += 1 } }
        }
        var row = counts.keys.sorted().map { ($0, (1 + log(Double(counts[$0]!))) * idf[$0]) }
        let norm = row.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
        if norm > 0 { row = row.map { ($0.0, $0.1 / norm) } }
        return (row.map { (column: $0.0, value: $0.1) }, !sequence.isEmpty)
    }

    /// One placed response.
    public struct Placement: Sendable, Equatable {
        public var theme: Int
        public var similarity: Double
        /// ok, other or empty.
        public var status: String
    }

    /// Places each response in the theme whose centre is most similar (cosine), or in "other"
    /// (−1) below the threshold; short answers go to their theme, responses with no words are empty.
    /// `vectors` holds the encoder's unit rows when the fit used one (zero rows: no words).
    public func place(_ texts: [String], centres: [Float], vectors: Matrix<Float>? = nil) -> [Placement] {
        let d = themes.isEmpty ? 0 : centres.count / themes.count
        let short = shortAnswers.map { ShortAnswers(phrases: $0) }
        let tokenizer = self.tokenizer
        var column: [String: Int] = [:]
        for (c, t) in terms.enumerated() { column[t] = c }
        return texts.enumerated().map { i, text in
            if let short, let id = shortAnswerTheme, short.matches(text) { return Placement(theme: id, similarity: 1, status: "ok") }
            var sims = [Double](repeating: 0, count: themes.count)
            if let vectors {
                var norm = 0.0
                for j in 0..<vectors.columns { norm += Double(vectors[i, j] * vectors[i, j]) }
                guard norm > 1e-12 else { return Placement(theme: -1, similarity: 0, status: "empty") }
                for k in themes.indices {
                    var s = 0.0
                    for j in 0..<d { s += Double(vectors[i, j]) * Double(centres[k * d + j]) }
                    sims[k] = s / norm.squareRoot()
                }
            } else {
                let (row, hasTerms) = tfidfRow(text, tokenizer: tokenizer, column: column)
                guard hasTerms else { return Placement(theme: -1, similarity: 0, status: "empty") }
                for k in themes.indices { sims[k] = row.reduce(0) { $0 + $1.value * Double(centres[k * d + $1.column]) } }
            }
            guard let best = sims.indices.max(by: { sims[$0] < sims[$1] || (sims[$0] == sims[$1] && $0 > $1) }) else {
                return Placement(theme: -1, similarity: 0, status: "other")
            }
            return sims[best] >= otherThreshold ? Placement(theme: themes[best].id, similarity: sims[best], status: "ok")
                : Placement(theme: -1, similarity: sims[best], status: "other")
        }
    }
}

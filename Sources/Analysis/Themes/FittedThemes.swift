import Foundation
import Tables
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

    /// Writes fitted.json and centres.npy (one float32 row per theme, in `themes` order) into `dir`, each atomically.
    public func write(centres: [Float], to dir: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: dir.appendingPathComponent(Self.file))
        try AtomicFile.write(NpyWriter.data(rows: themes.count, columns: themes.isEmpty ? 0 : centres.count / themes.count, values: centres),
                             to: dir.appendingPathComponent(Self.centresFile))
    }

    /// The vectorizer that weighs new responses as the fitted ones were weighed.
    public var vectorizer: TfidfVectorizer {
        TfidfVectorizer(tokenizer: Tokenizer(extraStopWords: extraStopWords, stem: stem), bigrams: bigrams)
    }

    /// The fit of an analysis `finder` made (`result.termSpace` must be there) and each placed
    /// theme's centre — the unit mean of its members in the space they were clustered in, the
    /// encoder's rows `embedded` or else TF-IDF term space — as `themes.count × dimension` floats.
    public static func make(_ result: ThemeFinder.Result, finder: ThemeFinder, embedding: String, embedded: Matrix<Float>?,
                            redact: Bool, namesFile: String?) -> (fit: FittedThemes, centres: [Float])? {
        guard let space = result.termSpace else { return nil }
        let placed = result.themes.filter { $0.id != result.shortAnswerTheme }
        var index = [Int: Int]()
        for (k, t) in placed.enumerated() { index[t.id] = k }
        let dimension = embedded?.columns ?? space.matrix.columns
        var sums = [Double](repeating: 0, count: placed.count * dimension)
        if let embedded {
            embedded.elements.withUnsafeBufferPointer { e in
                for (i, a) in result.assignments.enumerated() {
                    guard let k = index[a] else { continue }
                    for j in 0..<dimension { sums[k * dimension + j] += Double(e[i * dimension + j]) }
                }
            }
        } else {
            let m = space.matrix, offsets = m.csrRowOffsets, columns = m.csrColumnIndices, values = m.csrValues
            for (i, a) in result.assignments.enumerated() {
                guard let k = index[a] else { continue }
                for e in offsets[i]..<offsets[i + 1] { sums[k * dimension + Int(columns[e])] += values[e] }
            }
        }
        var centres = [Float](repeating: 0, count: sums.count)
        for k in placed.indices {
            let row = (k * dimension)..<((k + 1) * dimension)
            let norm = sums[row].reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { continue }
            for j in row { centres[j] = Float(sums[j] / norm) }
        }
        let tokenizer = finder.vectorizer.tokenizer
        let fit = FittedThemes(
            version: currentVersion, embedding: embedding, seed: finder.seed, otherThreshold: finder.otherThreshold,
            stem: tokenizer.stem, bigrams: finder.vectorizer.bigrams,
            extraStopWords: tokenizer.stopWords.subtracting(EnglishStopWords.words).sorted(),
            shortAnswers: finder.shortAnswers.map { Array($0.phrases).sorted() }, shortAnswerTheme: result.shortAnswerTheme,
            redact: redact, namesFile: namesFile, terms: space.terms, idf: space.idf,
            themes: placed.map { Label(id: $0.id, label: $0.label) })
        return (fit, centres)
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
    /// `vectors` holds the encoder's unit rows when the fit used one (zero rows: no words); their
    /// similarities to every centre are one product.
    public func place(_ texts: [String], centres: [Float], vectors: Matrix<Float>? = nil) throws -> [Placement] {
        let d = themes.isEmpty ? 0 : centres.count / themes.count
        let short = shortAnswers.map { ShortAnswers(phrases: $0) }
        let vectorizer = self.vectorizer
        var column: [String: Int] = [:]
        for (c, t) in terms.enumerated() { column[t] = c }
        let centreMatrix = try Matrix(rows: themes.count, columns: d, elements: centres)
        let products = try vectors.map { try $0.multipliedByRowBlocks(by: centreMatrix, transposingOther: true) }
        let norms = vectors.map { KMeans.squaredNorms($0) }
        return texts.enumerated().map { i, text in
            if let short, let id = shortAnswerTheme, short.matches(text) { return Placement(theme: id, similarity: 1, status: "ok") }
            var sims = [Double](repeating: 0, count: themes.count)
            if let products, let norms {
                guard norms[i] > 1e-12 else { return Placement(theme: -1, similarity: 0, status: "empty") }
                let norm = norms[i].squareRoot()
                for k in themes.indices { sims[k] = Double(products[i, k]) / norm }
            } else {
                let (row, hasTerms) = vectorizer.row(text, column: column, idf: idf)
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

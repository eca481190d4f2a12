import Foundation
import NumericCore

/// Responses into a TF-IDF matrix (CSR): unigram and bigram terms from `Tokenizer`, terms kept
/// when they occur in at least `minDocumentFrequency` responses and at most `maxDocumentShare` of
/// them, sublinear term frequency 1 + ln(tf), smoothed idf ln((1 + n) / (1 + df)) + 1, rows scaled
/// to unit length — the same weighting as scikit-learn's TfidfVectorizer(sublinear_tf=True).
public struct TfidfVectorizer: Sendable {
    public var tokenizer: Tokenizer
    public var minDocumentFrequency: Int
    public var maxDocumentShare: Double
    public var bigrams: Bool

    public init(tokenizer: Tokenizer = Tokenizer(), minDocumentFrequency: Int = 2, maxDocumentShare: Double = 0.5, bigrams: Bool = true) {
        self.tokenizer = tokenizer
        self.minDocumentFrequency = minDocumentFrequency
        self.maxDocumentShare = maxDocumentShare
        self.bigrams = bigrams
    }

    public struct Fitted: Sendable {
        /// Terms (stems; bigrams as "stem stem"), in column order.
        public var terms: [String]
        /// A readable form of each term: its commonest surface word(s).
        public var labels: [String]
        public var documentFrequency: [Int]
        public var idf: [Double]
        /// responses × terms, rows of unit length (an empty row stays zero).
        public var matrix: SparseMatrix<Double>
        /// Raw term counts, parallel to `matrix`'s stored values (for class-based TF-IDF labels).
        public var counts: [Float]
        /// Per response: the normalised term sequence, for finding duplicates.
        public var signatures: [Int]
        public func isBigram(_ term: Int) -> Bool { terms[term].contains(" ") }
    }

    public func fit(_ texts: [String]) throws -> Fitted {
        let n = texts.count
        var ids: [String: Int32] = [:]
        var names: [String] = []
        var surface: [[String: Int]] = []
        var rowOffsets = [Int](repeating: 0, count: n + 1)
        var entries: [(term: Int32, count: Int32)] = []
        var signatures = [Int](repeating: 0, count: n)
        var local: [Int32: Int32] = [:]
        var stems: [String: String] = [:]
        /// Bigrams by the ids of their two terms: the "a b" name is built once, not per occurrence.
        var pairs: [UInt64: Int32] = [:]
        func add(_ name: String) -> Int32 {
            let id = Int32(names.count)
            names.append(name)
            surface.append([:])
            return id
        }
        func intern(_ term: String) -> Int32 {
            if let id = ids[term] { return id }
            let id = add(term)
            ids[term] = id
            return id
        }
        for (d, text) in texts.enumerated() {
            let terms = tokenizer.terms(text, cache: &stems)
            local.removeAll(keepingCapacity: true)
            var hasher = Hasher()
            var previous: Int32 = -1
            for (k, t) in terms.enumerated() {
                let id = intern(t.term)
                surface[Int(id)][t.word, default: 0] += 1
                local[id, default: 0] += 1
                hasher.combine(id)
                if bigrams && k > 0 {
                    let key = UInt64(UInt32(previous)) << 32 | UInt64(UInt32(id))
                    let b = pairs[key] ?? {
                        let b = add(terms[k - 1].term + " " + t.term)
                        pairs[key] = b
                        return b
                    }()
                    surface[Int(b)][terms[k - 1].word + " " + t.word, default: 0] += 1
                    local[b, default: 0] += 1
                }
                previous = id
            }
            signatures[d] = terms.isEmpty ? 0 : hasher.finalize()
            for (id, c) in local.sorted(by: { $0.key < $1.key }) { entries.append((id, c)) }
            rowOffsets[d + 1] = entries.count
        }
        // Document frequencies and the kept vocabulary, in alphabetical order (deterministic columns).
        var df = [Int](repeating: 0, count: names.count)
        for e in entries { df[Int(e.term)] += 1 }
        let maxDF = maxDocumentShare >= 1 ? n : max(minDocumentFrequency, Int((maxDocumentShare * Double(n)).rounded(.down)))
        let kept = names.indices.filter { df[$0] >= minDocumentFrequency && df[$0] <= maxDF }.sorted { names[$0] < names[$1] }
        var column = [Int32](repeating: -1, count: names.count)
        for (c, t) in kept.enumerated() { column[t] = Int32(c) }
        let idf = kept.map { log((1 + Double(n)) / (1 + Double(df[$0]))) + 1 }
        var offsets = [Int](repeating: 0, count: n + 1)
        var columns: [UInt32] = [], values: [Double] = [], counts: [Float] = []
        columns.reserveCapacity(entries.count)
        for d in 0..<n {
            var row: [(UInt32, Double, Float)] = []
            for e in entries[rowOffsets[d]..<rowOffsets[d + 1]] {
                let c = column[Int(e.term)]
                guard c >= 0 else { continue }
                row.append((UInt32(c), (1 + log(Double(e.count))) * idf[Int(c)], Float(e.count)))
            }
            row.sort { $0.0 < $1.0 }
            let norm = row.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
            for (c, v, k) in row {
                columns.append(c)
                values.append(norm > 0 ? v / norm : 0)
                counts.append(k)
            }
            offsets[d + 1] = columns.count
        }
        let matrix = try SparseMatrix(rows: n, columns: kept.count, rowOffsets: offsets, columnIndices: columns, values: values)
        let labels = kept.map { t in surface[t].max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? names[t] }
        return Fitted(terms: kept.map { names[$0] }, labels: labels, documentFrequency: kept.map { df[$0] }, idf: idf,
                      matrix: matrix, counts: counts, signatures: signatures)
    }
}

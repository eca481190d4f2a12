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
        /// Groups of near-identical responses (`NearDuplicates`), from every term, largest first.
        public var nearDuplicateGroups: [[Int]] = []
        public func isBigram(_ term: Int) -> Bool { terms[term].utf8.contains(32) }
        /// The sum of `rows`' TF-IDF vectors (dense, one entry per term) and its length: a theme's
        /// centre in the term space, unnormalised, for comparing themes and describing them.
        public func termSum(of rows: [Int]) -> (sum: [Double], norm: Double) {
            let offsets = matrix.csrRowOffsets, columns = matrix.csrColumnIndices, values = matrix.csrValues
            var sum = [Double](repeating: 0, count: matrix.columns)
            for i in rows { for e in offsets[i]..<offsets[i + 1] { sum[Int(columns[e])] += values[e] } }
            return (sum, sum.reduce(0) { $0 + $1 * $1 }.squareRoot())
        }
    }

    public func fit(_ texts: [String]) throws -> Fitted {
        let n = texts.count
        // Surface words, interned from the text's bytes; each maps once to its term (or −1: dropped).
        var words = WordTable()
        var wordTerm: [Int32] = [], wordCount: [Int] = []
        var ids: [String: Int32] = [:]
        var names: [String] = []
        var bigramFlag: [Bool] = []
        var rowOffsets = [Int](repeating: 0, count: n + 1)
        var entries: [(term: Int32, count: Int32)] = []
        var signatures = [Int](repeating: 0, count: n)
        /// Bigrams by the ids of their two terms: the "a b" name is built once, not per occurrence.
        var pairs = KeyTable()
        var pairTerm: [Int32] = []
        /// Each pair of surface words that makes a bigram ("working copy", not "work copy"): its
        /// bigram and its occurrences. One lookup per token, by the words' ids.
        var surfacePairs = KeyTable()
        var surfaceBigram: [Int32] = [], surfaceCount: [Int] = []
        var scratch: [UInt8] = [], sequence: [Int32] = [], spelled: [Int32] = [], bag: [Int32] = []
        for (d, text) in texts.enumerated() {
            sequence.removeAll(keepingCapacity: true)
            spelled.removeAll(keepingCapacity: true)
            Tokenizer.forEachWord(in: text, scratch: &scratch) { bytes in
                let (w, inserted) = words.intern(bytes)
                if inserted {
                    var term: Int32 = -1
                    if let name = tokenizer.term(forWord: String(decoding: bytes, as: UTF8.self)) {
                        term = ids[name] ?? {
                            let id = Int32(names.count)
                            names.append(name)
                            bigramFlag.append(false)
                            ids[name] = id
                            return id
                        }()
                    }
                    wordTerm.append(term)
                    wordCount.append(0)
                }
                wordCount[Int(w)] += 1
                if wordTerm[Int(w)] >= 0 {
                    sequence.append(wordTerm[Int(w)])
                    spelled.append(w)
                }
            }
            bag.removeAll(keepingCapacity: true)
            bag.append(contentsOf: sequence)
            if bigrams && sequence.count > 1 {
                for k in 1..<sequence.count {
                    let (slot, inserted) = surfacePairs.intern(KeyTable.pair(spelled[k - 1], spelled[k]))
                    if inserted {
                        let a = sequence[k - 1], b = sequence[k]
                        let (p, newPair) = pairs.intern(KeyTable.pair(a, b))
                        if newPair {
                            pairTerm.append(Int32(names.count))
                            names.append(Self.bigram(names[Int(a)], names[Int(b)]))
                            bigramFlag.append(true)
                        }
                        surfaceBigram.append(pairTerm[p])
                        surfaceCount.append(0)
                    }
                    surfaceCount[slot] += 1
                    bag.append(surfaceBigram[slot])
                }
            }
            var hasher = Hasher()
            for t in sequence { hasher.combine(t) }
            signatures[d] = sequence.isEmpty ? 0 : hasher.finalize()
            // The response's terms with their counts, in term order.
            bag.sort()
            var k = 0
            while k < bag.count {
                var e = k + 1
                while e < bag.count && bag[e] == bag[k] { e += 1 }
                entries.append((bag[k], Int32(e - k)))
                k = e
            }
            rowOffsets[d + 1] = entries.count
        }
        // A readable form of each term: for a unigram its commonest surface word (ties: the first in
        // alphabetical order); of a bigram: its commonest pair of surface words.
        // The winner per term is kept as an id and spelled once at the end; strings are built
        // only to break ties in counts.
        var surface = [Int](repeating: -1, count: names.count)
        var winner = [Int](repeating: -1, count: names.count)   // word id, or surface pair slot for bigrams
        for w in 0..<words.count where wordTerm[w] >= 0 {
            let t = Int(wordTerm[w])
            if wordCount[w] > surface[t] || (wordCount[w] == surface[t] && words.word(Int32(w)) < words.word(Int32(winner[t]))) {
                surface[t] = wordCount[w]
                winner[t] = w
            }
        }
        func spell(_ slot: Int) -> String {
            let key = surfacePairs.keys[slot]
            return words.word(Int32(truncatingIfNeeded: key >> 32)) + " " + words.word(Int32(truncatingIfNeeded: key))
        }
        for slot in 0..<surfacePairs.count {
            let t = Int(surfaceBigram[slot]), count = surfaceCount[slot]
            if count > surface[t] || (count == surface[t] && spell(slot) < spell(winner[t])) {
                surface[t] = count
                winner[t] = slot
            }
        }
        // Near-duplicates from every unigram (rare words included), before the vocabulary is cut.
        let near = NearDuplicates.groups(rows: n) { d, terms in
            for e in entries[rowOffsets[d]..<rowOffsets[d + 1]] where !bigramFlag[Int(e.term)] { terms.append(UInt32(e.term)) }
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
        values.reserveCapacity(entries.count)
        counts.reserveCapacity(entries.count)
        var row: [(UInt32, Double, Float)] = []
        for d in 0..<n {
            row.removeAll(keepingCapacity: true)
            for e in entries[rowOffsets[d]..<rowOffsets[d + 1]] {
                let c = column[Int(e.term)]
                guard c >= 0 else { continue }
                row.append((UInt32(c), Self.weight(count: Int(e.count), idf: idf[Int(c)]), Float(e.count)))
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
        let labels = kept.map { t in bigramFlag[t] ? spell(winner[t]) : words.word(Int32(winner[t])) }
        return Fitted(terms: kept.map { names[$0] }, labels: labels, documentFrequency: kept.map { df[$0] }, idf: idf,
                      matrix: matrix, counts: counts, signatures: signatures, nearDuplicateGroups: near)
    }

    /// A term's weight in a response: sublinear count times idf (before the row is made unit length).
    @inline(__always) static func weight(count: Int, idf: Double) -> Double { (1 + log(Double(count))) * idf }

    /// The name of the bigram of two terms.
    @inline(__always) static func bigram(_ a: String, _ b: String) -> String { a + " " + b }

    /// One response's unit TF-IDF row on a fitted vocabulary (`column` maps each term to its
    /// column, `idf` its weight), weighed as `fit` weighs its rows; and whether the response held
    /// any term at all, in the vocabulary or not. For placing new responses in fitted themes.
    public func row(_ text: String, column: [String: Int], idf: [Double]) -> (entries: [(column: Int, value: Double)], hasTerms: Bool) {
        var sequence: [String] = []
        var scratch: [UInt8] = []
        Tokenizer.forEachWord(in: text, scratch: &scratch) { bytes in
            if let term = tokenizer.term(forWord: String(decoding: bytes, as: UTF8.self)) { sequence.append(term) }
        }
        var counts: [Int: Int] = [:]
        for t in sequence { if let c = column[t] { counts[c, default: 0] += 1 } }
        if bigrams && sequence.count > 1 {
            for k in 1..<sequence.count { if let c = column[Self.bigram(sequence[k - 1], sequence[k])] { counts[c, default: 0] += 1 } }
        }
        let weighted = counts.keys.sorted().map { (column: $0, value: Self.weight(count: counts[$0]!, idf: idf[$0])) }
        let norm = weighted.reduce(0) { $0 + $1.value * $1.value }.squareRoot()
        return (norm > 0 ? weighted.map { ($0.column, $0.value / norm) } : weighted, !sequence.isEmpty)
    }
}

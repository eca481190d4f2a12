import Foundation
import NumericCore

/// Themes in free-text responses: TF-IDF (unigrams and bigrams, Porter2 stems) → truncated SVD
/// (LSA) → unit-length rows → balanced (or bisecting, plain, mini-batch, Ward) k-means on cosine
/// geometry, balanced themes then polished in the full term space (`TermSpaceRefinement`), with k
/// given or chosen from the data; labels by class-based TF-IDF; representative responses nearest each
/// theme's centre; an "other" bucket (theme −1) for responses far from every theme.
///
/// Configuration here, fitted results in `ThemeFinder.Result` (as scikit-learn separates them).
/// Deterministic for a seed and thread count–invariant: the SVD and distance products run in
/// fixed blocks (see `Matrix+Deterministic`).
public struct ThemeFinder: Sendable {

    /// Number of themes; nil chooses it (≈ n^(1/3), then near-identical themes merged).
    public var k: Int?
    /// The clustering method (`ClusteringCatalog`).
    public var method: any CatalogClusterer.Type = BalancedKMeans.self
    public var dimensions = 100
    public var seed: UInt64 = 0
    /// Spherical k-means passes in the full TF-IDF space after the `balanced` clustering in the
    /// LSA embedding (see `TermSpaceRefinement`); 0 keeps the embedding's themes.
    public var termSpacePasses = 10
    /// Responses whose cosine similarity to their theme's centre is below this go to "other" (−1).
    public var otherThreshold = 0.1
    /// Themes whose centres are at least this similar are merged when k is chosen automatically.
    public var mergeSimilarity = 0.8
    public var vectorizer = TfidfVectorizer()
    public var representatives = 5
    /// Short "nothing to say" answers, gathered into a theme of their own (nil: treated like any text).
    public var shortAnswers: ShortAnswers? = .standard
    /// The SVD and the clustering are fitted on a fixed random sample (from the seed's stream) of
    /// `fitSize(n)` responses — half of them (`fitShare`) but at least `minimumFitSample` and at
    /// most this many — then every response is projected on the fitted directions, assigned to
    /// the nearest theme and (for `balanced`) polished in term space with all of them. The cost of
    /// fitting grows with n while the themes do not get better: on StackOverflow 20k, seeds 0–5,
    /// NMI 0.700 fitted on all and 0.709 on 10 000; on SearchSnippets (12 340) 0.38–0.39 on all,
    /// 0.38–0.40 on 10 000 (but 0.34–0.36 on half); at 200k, 0.611 on 100 000 and 0.596 on
    /// 50 000 (seeds 0–2). 0 fits on everything.
    public var fitSample = 100_000
    /// The share of the responses the fit uses above `minimumFitSample` (1: only `fitSample` caps it).
    public var fitShare = 0.5
    /// Up to this many responses the fit uses all of them.
    public static let minimumFitSample = 10_000

    /// How many of n responses the SVD and the clustering are fitted on.
    public func fitSize(_ n: Int) -> Int {
        guard fitSample > 0 else { return n }
        let share = max(Self.minimumFitSample, Int((fitShare * Double(n)).rounded(.down)))
        return min(n, fitSample, share)
    }

    /// Whether n responses are fitted on a sample rather than on all of them.
    func fitsOnSample(_ n: Int) -> Bool { fitSize(n) < n }

    /// `size` of 0..<n in ascending order, from stream (seed, `stream`, clustering): the same rows
    /// on every machine and at any thread count.
    func fixedSample(_ size: Int, of n: Int, stream: UInt64) -> [Int] {
        var rng = Xoshiro256PlusPlus(seed: seed, replicate: stream, purpose: .clustering)
        return rng.sampleWithoutReplacement(size, from: n).sorted()
    }

    public init(k: Int? = nil, seed: UInt64 = 0) {
        self.k = k
        self.seed = seed
    }

    public struct Theme: Sendable {
        public var id: Int
        public var size: Int
        public var share: Double
        public var label: String
        public var terms: [String]
        public var bigrams: [String]
        /// Row indices of the responses nearest the centre (distinct texts).
        public var representatives: [Int]
        /// Mean cosine similarity of members to the centre.
        public var cohesion: Double
    }

    public struct Result: Sendable {
        /// Per response: theme id, or −1 for "other" and for empty responses.
        public var assignments: [Int]
        /// Per response: cosine similarity to its theme's centre (0 when empty).
        public var similarity: [Double]
        public var themes: [Theme]
        public var empty: [Int]
        /// Groups of responses with the same terms (exact duplicates after normalisation), largest first.
        public var duplicateGroups: [[Int]]
        /// Groups of near-identical responses (term sets one term apart; see `NearDuplicates`), largest first.
        public var nearDuplicateGroups: [[Int]] = []
        /// Mean adjusted Rand index between this clustering and two with other seeds (1: stable).
        public var stability: Double?
        /// 2-D coordinates (the two principal components of the unit embedding) for maps.
        public var x: [Double]
        public var y: [Double]
        public var vocabulary: Int
        /// Seconds spent in each stage, in order (vectorise, svd, cluster, stability, describe, map).
        public var timings: [(stage: String, seconds: Double)] = []
        /// The TF-IDF the themes were described with (and, without an encoder, found in): what
        /// `FittedThemes` needs. Large at millions of responses; drop it once the fit is saved.
        public var termSpace: TfidfVectorizer.Fitted?
        /// The theme the short "nothing to say" answers form, when they formed one.
        public var shortAnswerTheme: Int?
    }

    public enum ThemeError: Error, CustomStringConvertible {
        case tooFew(Int)
        case vectors(String)
        public var description: String {
            switch self {
            case let .tooFew(n): return "too few non-empty responses to find themes (\(n); need at least 3)"
            case let .vectors(why): return why
            }
        }
    }

    /// Themes of `texts`; `vectors` (one row per text) replaces TF-IDF and SVD when given.
    public func analyse(_ texts: [String], vectors: Matrix<Double>? = nil) throws -> Result {
        separatingShortAnswers(try analyseAll(texts, vectors: vectors), texts: texts)
    }

    func analyseAll(_ texts: [String], vectors: Matrix<Double>?) throws -> Result {
        let n = texts.count
        var clock = StageClock()
        let fitted = try vectorizer.fit(texts)
        clock.lap("vectorise")
        // Embedding: LSA of the TF-IDF matrix, or the caller's vectors.
        if let vectors {
            guard vectors.rows == n else { throw ThemeError.vectors("the vectors file has \(vectors.rows) rows but there are \(n) responses") }
            return try themes(vectors, fitted: fitted, fromVectors: true, texts: texts, clock: &clock)
        }
        let rank = max(1, min(dimensions, fitted.matrix.columns - 1, n - 1))
        if fitted.matrix.columns < 2 {
            clock.lap("svd")
            return try themes(fitted.matrix.toDense(), fitted: fitted, fromVectors: false, texts: texts, clock: &clock)
        }
        let withTerms = (0..<n).filter { fitted.matrix.csrRowOffsets[$0 + 1] > fitted.matrix.csrRowOffsets[$0] }
        // The SVD runs in single precision: LSA needs the leading directions, not digits, and the
        // sparse products and orthonormalisations move half the bytes. Four power iterations, for
        // the same reason (scikit-learn uses 5).
        let tfidf = fitted.matrix.converted(to: Float.self)
        guard fitsOnSample(withTerms.count) else {
            let svd = try BLASRuntime.singleThreaded {
                try RandomizedSVD(rank: rank, powerIterations: 4, seed: seed, rightVectors: false, smallProblem: .gram).decompose(SparseOperator(tfidf))
            }
            clock.lap("svd")
            return try themes(svd.scaledLeftVectors(), fitted: fitted, fromVectors: false, texts: texts, clock: &clock)
        }
        // Fit on a sample of the responses with terms, then embed all: U·Σ = A·V. Terms absent
        // from the sample get no direction, so the SVD's vocabulary side is only the sample's
        // terms. The embedding of everyone is single precision: at millions of responses it is
        // the largest array, and clustering unit vectors needs no more digits.
        let sample = fixedSample(fitSize(withTerms.count), of: withTerms.count, stream: 2).map { withTerms[$0] }
        let (compact, kept) = tfidf.gatheringRows(sample).droppingEmptyColumns()
        let svd = try BLASRuntime.singleThreaded {
            try RandomizedSVD(rank: max(1, min(rank, kept.count - 1, sample.count - 1)), powerIterations: 4, seed: seed, smallProblem: .gram)
                .decompose(SparseOperator(compact))
        }
        var directions = Matrix<Float>(rows: fitted.matrix.columns, columns: svd.rank)
        for (c, term) in kept.enumerated() { for r in 0..<svd.rank { directions[term, r] = svd.vt[r, c] } }
        let embedding = try tfidf.multiplied(by: directions)
        clock.lap("svd")
        return try themes(consume embedding, fitted: fitted, fromVectors: false, texts: texts, clock: &clock)
    }

    /// Themes of `texts` from a sentence encoder's unit vectors (one row per text; zero rows are
    /// empty responses). TF-IDF is still fitted, for labels and the term-space descriptions.
    public func analyse(_ texts: [String], embedded: Matrix<Float>) throws -> Result {
        var clock = StageClock()
        let fitted = try vectorizer.fit(texts)
        clock.lap("vectorise")
        guard embedded.rows == texts.count else {
            throw ThemeError.vectors("the encoder gave \(embedded.rows) rows for \(texts.count) responses")
        }
        return separatingShortAnswers(try themes(embedded, fitted: fitted, fromVectors: true, texts: texts, clock: &clock), texts: texts)
    }

    /// Moves the short "nothing to say" answers out of "empty", "other" or whichever theme they
    /// landed in into one theme of their own, numbered after the others; a theme left with no
    /// members is removed and the later ones renumbered, so numbers stay dense.
    func separatingShortAnswers(_ result: Result, texts: [String]) -> Result {
        guard let shortAnswers else { return result }
        let short = texts.indices.filter { shortAnswers.matches(texts[$0]) }
        guard !short.isEmpty else { return result }
        var r = result
        let isShort = Set(short)
        for i in short { r.assignments[i] = -2 }
        r.empty.removeAll { isShort.contains($0) }
        var counts = [Int](repeating: 0, count: r.themes.count)
        for a in r.assignments where a >= 0 { counts[a] += 1 }
        var renumber = [Int](repeating: -1, count: r.themes.count)
        var kept: [Theme] = []
        for t in r.themes where counts[t.id] > 0 {
            var theme = t
            renumber[t.id] = kept.count
            theme.id = kept.count
            theme.size = counts[t.id]
            theme.representatives.removeAll { isShort.contains($0) }
            kept.append(theme)
        }
        let id = kept.count
        for i in r.assignments.indices {
            let a = r.assignments[i]
            if a >= 0 { r.assignments[i] = renumber[a] } else if a == -2 { r.assignments[i] = id; r.similarity[i] = 1 }
        }
        // Representatives: the commonest distinct wordings first.
        var byText: [String: (count: Int, first: Int)] = [:]
        for i in short { byText[ShortAnswers.normalise(texts[i]), default: (0, i)].count += 1 }
        let representatives = byText.values.sorted { ($0.count, -$0.first) > ($1.count, -$1.first) }.prefix(representatives).map(\.first)
        kept.append(Theme(id: id, size: short.count, share: 0, label: shortAnswers.label, terms: [], bigrams: [],
                          representatives: Array(representatives), cohesion: 1))
        let n = Double(max(1, texts.count))
        for k in kept.indices { kept[k].share = Double(kept[k].size) / n }
        r.themes = kept
        r.shortAnswerTheme = id
        return r
    }

    /// Everything after the embedding, in its precision: unit rows, clustering, "other",
    /// labels, quotes, duplicates and the map.
    /// Consumes the embedding: its storage becomes the unit rows in place (a borrowed one would be
    /// copied — 800 MB at two million responses).
    func themes<S: BLASScalar>(_ embedding: consuming Matrix<S>, fitted: TfidfVectorizer.Fitted, fromVectors: Bool,
                               texts: [String], clock: inout StageClock) throws -> Result {
        let n = embedding.rows, d = embedding.columns
        let norms = KMeans.squaredNorms(embedding).map { $0.squareRoot() }
        // Responses with no terms are "empty". With terms but a zero embedding (every term unseen
        // in the fitting sample) they are live nowhere and go to "other".
        let offsets = fitted.matrix.csrRowOffsets
        let live = (0..<n).filter { norms[$0] > 1e-12 }
        let empty = (0..<n).filter { fromVectors ? norms[$0] <= 1e-12 : offsets[$0 + 1] == offsets[$0] }
        guard live.count >= 3 else { throw ThemeError.tooFew(live.count) }
        // Unit rows, compacted in place (row r ≤ i), so no second n × d matrix exists.
        var storage = embedding.elements
        embedding = Matrix(rows: 0, columns: 0)
        storage.withUnsafeMutableBufferPointer { e in
            for (r, i) in live.enumerated() { for j in 0..<d { e[r * d + j] = S(Double(e[i * d + j]) / norms[i]) } }
        }
        storage.removeLast((n - live.count) * d)
        let points = try Matrix(rows: live.count, columns: d, elements: storage)
        storage = []
        /// The fitting methods work in Double: on all rows (small inputs) or on samples.
        func double(_ m: Matrix<S>) -> Matrix<Double> { (m as? Matrix<Double>) ?? m.converted(to: Double.self) }

        let chosenK = min(k ?? Self.automaticK(live.count), live.count)
        // Balanced themes from TF-IDF are polished in term space, which then also keeps every theme
        // under the cap (so the embedding's own capacity passes are skipped: same NMI, less time).
        let polish = method.polishesInTermSpace && !fromVectors && termSpacePasses > 0
        var labels: [Int]
        if fitsOnSample(live.count) {
            let sample = fixedSample(fitSize(live.count), of: live.count, stream: 3)
            let fit = try cluster(double(points.gatheringRows(sample)), k: chosenK, seed: seed, refinements: polish ? 0 : 5)
            labels = try KMeans.nearest(points, centres: fit.centres)
            if method.polishesInTermSpace && !polish {
                let cap = BalancedKMeans.capacity(live.count, clusters: chosenK)
                labels = try BalancedKMeans(k: chosenK, seed: seed).refine(points, labels: labels, clusters: fit.centres.rows, cap: cap)
            }
        } else {
            labels = try cluster(double(points), k: chosenK, seed: seed, refinements: polish ? 0 : 5).labels
        }
        if k == nil { labels = Self.mergeSimilar(points, labels: labels, threshold: mergeSimilarity) }
        if polish {
            let count = (labels.max() ?? -1) + 1
            let cap = BalancedKMeans.capacity(live.count, clusters: count)
            labels = TermSpaceRefinement(passes: termSpacePasses).refine(fitted.matrix, rows: live, labels: labels, clusters: count, cap: cap)
        }
        clock.lap("cluster")
        // Stability: agreement between clusterings with three seeds, on a fixed sample from the
        // seed's stream of max(2 000, 50·k) responses (an adjusted Rand index on 50 per theme is
        // already steady), so it costs a fraction of the main fit.
        var stability: Double?
        do {
            let size = max(2000, 50 * chosenK)
            let sample = live.count <= size ? Array(0..<live.count) : fixedSample(size, of: live.count, stream: 1)
            let sub = double(sample.count == live.count ? points : points.gatheringRows(sample))
            let subK = min(chosenK, sample.count)
            let runs = try [seed, seed &+ 1, seed &+ 2].map { try cluster(sub, k: subK, seed: $0).labels }
            stability = (AdjustedRandIndex.score(runs[0], runs[1]) + AdjustedRandIndex.score(runs[0], runs[2]) + AdjustedRandIndex.score(runs[1], runs[2])) / 3
        }
        clock.lap("stability")
        // Centres (unit), similarities, "other".
        let themeCount = (labels.max() ?? -1) + 1
        let centres = Centres.directions(points, labels: labels, count: themeCount)
        var assignments = [Int](repeating: -1, count: n), similarity = [Double](repeating: 0, count: n)
        points.withUnsafeBufferPointer { p in
            centres.withUnsafeBufferPointer { c in
                for (r, i) in live.enumerated() {
                    var s = 0.0
                    for j in 0..<d { s += Double(p[r * d + j]) * c[labels[r] * d + j] }
                    similarity[i] = s
                    assignments[i] = s >= otherThreshold ? labels[r] : -1
                }
            }
        }
        // Themes in order of size, largest first.
        var sizes = [Int](repeating: 0, count: themeCount)
        for a in assignments where a >= 0 { sizes[a] += 1 }
        let order = (0..<themeCount).filter { sizes[$0] > 0 }.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
        var newID = [Int](repeating: -1, count: themeCount)
        for (id, old) in order.enumerated() { newID[old] = id }
        assignments = assignments.map { $0 >= 0 ? newID[$0] : -1 }
        let labelling = ThemeLabels(fitted, assignments: assignments, themes: order.count)
        var members = [[Int]](repeating: [], count: order.count)
        for i in 0..<n where assignments[i] >= 0 { members[assignments[i]].append(i) }
        var themes: [Theme] = []
        for (id, old) in order.enumerated() {
            let reps = Self.representatives(members[id], similarity: similarity, signatures: fitted.signatures, count: representatives,
                                            space: fitted.matrix)
            let (terms, bigrams) = labelling.top(id)
            themes.append(Theme(id: id, size: sizes[old], share: Double(sizes[old]) / Double(n),
                                label: Self.label(terms: terms, bigrams: bigrams, quotes: reps.map { texts[$0] }), terms: terms, bigrams: bigrams,
                                representatives: reps, cohesion: members[id].reduce(0.0) { $0 + similarity[$1] } / Double(max(1, members[id].count))))
        }
        members = []
        // Exact duplicates (same term sequence), largest groups first.
        let duplicates = GroupsByKey.groups(live) { fitted.signatures[$0] }
        // Map coordinates: the two principal components of the unit rows (the plane that spreads
        // the responses most), signs fixed so the largest loading is positive.
        clock.lap("describe")
        var x = [Double](repeating: .nan, count: n), y = x
        let map = try principalPlane(points)
        for (r, i) in live.enumerated() {
            x[i] = map[r, 0]
            y[i] = map.columns > 1 ? map[r, 1] : 0
        }
        clock.lap("map")
        return Result(assignments: assignments, similarity: similarity, themes: themes, empty: empty, duplicateGroups: duplicates,
                      nearDuplicateGroups: fitted.nearDuplicateGroups, stability: stability, x: x, y: y, vocabulary: fitted.terms.count, timings: clock.laps,
                      termSpace: fitted)
    }

    /// The members most similar to their theme's centre, one per distinct term sequence, most
    /// similar first, ties to the earlier response; a member sharing `nearCopy` of its terms
    /// (Jaccard, over `space`'s rows) with a quote already chosen is passed over ("Discharge was
    /// quick this time" after "Discharge was quick on ward 4"), so a theme of few wordings shows
    /// fewer quotes rather than copies. Sorts only a short list of the best candidates, widening it
    /// when copies crowd it out, up to `quoteSearch`.
    static func representatives(_ members: [Int], similarity: [Double], signatures: [Int], count: Int,
                                space: SparseMatrix<Double>? = nil) -> [Int] {
        let offsets = space?.csrRowOffsets ?? [], columns = space?.csrColumnIndices ?? []
        func terms(_ i: Int) -> Set<UInt32> { offsets.isEmpty ? [] : Set(columns[offsets[i]..<offsets[i + 1]]) }
        func nearCopy(_ a: Set<UInt32>, _ b: Set<UInt32>) -> Bool {
            guard !a.isEmpty, !b.isEmpty else { return false }
            return Double(a.intersection(b).count) >= Self.nearCopy * Double(a.union(b).count)
        }
        let before = { (a: Int, b: Int) in similarity[a] != similarity[b] ? similarity[a] > similarity[b] : a < b }
        var shortlist = max(4 * count, 32)
        while true {
            let candidates: [Int]
            if members.count <= shortlist {
                candidates = members.sorted(by: before)
            } else {
                // The `shortlist` best in one pass: a sorted list that a member enters only when it
                // beats the current last (rarely, after the first few thousand).
                var top: [Int] = []
                top.reserveCapacity(shortlist + 1)
                for i in members {
                    if top.count == shortlist, !before(i, top[shortlist - 1]) { continue }
                    var lo = 0, hi = top.count
                    while lo < hi { let mid = (lo + hi) / 2; if before(top[mid], i) { lo = mid + 1 } else { hi = mid } }
                    top.insert(i, at: lo)
                    if top.count > shortlist { top.removeLast() }
                }
                candidates = top
            }
            var seen = Set<Int>(), reps: [Int] = [], chosen: [Set<UInt32>] = []
            for i in candidates where reps.count < count {
                guard !seen.contains(signatures[i]) else { continue }
                let own = terms(i)
                if chosen.contains(where: { nearCopy($0, own) }) { continue }
                seen.insert(signatures[i])
                reps.append(i)
                chosen.append(own)
            }
            if reps.count == count || candidates.count == members.count || shortlist >= Self.quoteSearch { return reps }
            shortlist = min(shortlist * 8, Self.quoteSearch)
        }
    }

    /// The share of terms two quotes may share before the second is a near copy of the first.
    static let nearCopy = 0.6
    /// The most central members searched for distinct quotes: a theme whose best 2 048 hold fewer
    /// distinct wordings shows fewer quotes (searching all of a 100 000-response theme of perturbed
    /// copies cost seconds at two million responses).
    static let quoteSearch = 2048

    /// Wall-clock time of each stage, for `skein analyse --timings` and themes.json.
    struct StageClock {
        var last = DispatchTime.now().uptimeNanoseconds
        var laps: [(stage: String, seconds: Double)] = []
        mutating func lap(_ stage: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            laps.append((stage, Double(now - last) / 1e9))
            last = now
        }
    }

    /// Projection of the rows on their first two principal components (thread-count invariant).
    /// The scatter matrix comes from XᵀX − n·μμᵀ and the projection from X·A − μᵀA, so no centred
    /// copy of the n × d matrix is made (800 MB at a million responses). The axes come from the
    /// fit's sample (`fitSize`; the plane of 100 000 responses is the plane of millions), and
    /// every row is projected.
    func principalPlane<S: BLASScalar>(_ points: Matrix<S>) throws -> Matrix<Double> {
        let d = points.columns
        guard d > 2 else { return points.converted(to: Double.self) }
        var fitRows = points
        if fitsOnSample(points.rows) { fitRows = points.gatheringRows(fixedSample(fitSize(points.rows), of: points.rows, stream: 4)) }
        let n = fitRows.rows
        var mean = [Double](repeating: 0, count: d)
        fitRows.withUnsafeBufferPointer { p in
            for i in 0..<n { for j in 0..<d { mean[j] += Double(p[i * d + j]) } }
        }
        for j in 0..<d { mean[j] /= Double(max(1, n)) }
        var scatter = try fitRows.gram().converted(to: Double.self)
        fitRows = Matrix(rows: 0, columns: 0)
        scatter.withUnsafeMutableBufferPointer { s in
            for a in 0..<d { for b in 0..<d { s[a * d + b] -= Double(n) * mean[a] * mean[b] } }
        }
        let axes = try PrincipalComponents.axes(ofScatter: scatter, count: 2).axes
        var plane = try points.multipliedByRowBlocks(by: axes.converted(to: S.self)).converted(to: Double.self)
        let shift = (0..<2).map { a in (0..<d).reduce(0.0) { $0 + mean[$1] * axes[$1, a] } }
        let rows = points.rows
        plane.withUnsafeMutableBufferPointer { q in
            for i in 0..<rows { for a in 0..<2 { q[i * 2 + a] -= shift[a] } }
        }
        return plane
    }

    func cluster(_ points: Matrix<Double>, k: Int, seed: UInt64, refinements: Int = 5) throws -> KMeans.Fit {
        try method.cluster(points, k: k, seed: seed, refinements: refinements)
    }

    /// A starting number of themes for n responses: ≈ n^(1/3), at least 2, at most 60. Short texts
    /// give flat silhouettes, so a size rule refined by merging is steadier than a score search.
    public static func automaticK(_ n: Int) -> Int { min(60, max(2, Int(pow(Double(n), 1.0 / 3.0).rounded()))) }

    /// Merges clusters whose mean directions are at least `threshold` similar (greedily, most
    /// similar pair first), relabelling 0..<k'.
    static func mergeSimilar<S: BLASScalar>(_ points: Matrix<S>, labels: [Int], threshold: Double) -> [Int] {
        var labels = labels
        while true {
            let k = (labels.max() ?? -1) + 1
            guard k > 2 else { return labels }
            let centres = Centres.sums(points, labels: labels, count: k)
            var norms = [Double](repeating: 0, count: k)
            for c in 0..<k { for j in 0..<points.columns { norms[c] += centres[c, j] * centres[c, j] }; norms[c] = norms[c].squareRoot() }
            var best: (Int, Int, Double)?
            for a in 0..<k { for b in (a + 1)..<k {
                var dot = 0.0
                for j in 0..<points.columns { dot += centres[a, j] * centres[b, j] }
                let cos = dot / max(norms[a] * norms[b], 1e-300)
                if cos >= threshold && (best == nil || cos > best!.2) { best = (a, b, cos) }
            } }
            guard let (a, b, _) = best else { return labels }
            labels = labels.map { $0 == b ? a : ($0 > b ? $0 - 1 : $0) }
        }
    }

    /// "term, term, term" from the top terms, preferring a bigram that covers two of them. A term
    /// or bigram that reads the opposite way to any of the theme's `quotes` ("good" where a quote
    /// complains, "poor" where one praises) is passed over for the next, so a label never
    /// contradicts the quotes shown under it; if every term does, the first is kept.
    static func label(terms: [String], bigrams: [String], quotes: [String] = []) -> String {
        let present = Set(quotes.map(Polarity.of)).subtracting([.neutral])
        let fits = { (term: String) in
            let p = Polarity.of(term)
            return p == .neutral || !present.contains(p.opposite)
        }
        let fitting = terms.filter(fits)
        let keptTerms = fitting.isEmpty ? Array(terms.prefix(1)) : fitting
        var parts: [String] = []
        if let b = bigrams.first(where: fits) { parts.append(b) }
        for t in keptTerms where parts.count < 3 && !parts.contains(where: { $0.split(separator: " ").contains(Substring(t)) }) {
            parts.append(t)
        }
        return parts.joined(separator: ", ")
    }
}

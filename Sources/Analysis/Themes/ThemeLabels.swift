import Foundation

/// Class-based TF-IDF (Grootendorst 2022): treat each theme as one document, weight a term by its
/// frequency in the theme times log(1 + A / f), with A the average number of term occurrences per
/// theme and f the term's frequency over all themes — words that mark this theme, not all of them.
struct ThemeLabels {
    let fitted: TfidfVectorizer.Fitted
    /// Per theme: term → count.
    var counts: [[Int: Double]]
    var totals: [Double]
    var overall: [Double]

    init(_ fitted: TfidfVectorizer.Fitted, assignments: [Int], themes: Int) {
        self.fitted = fitted
        counts = Array(repeating: [:], count: themes)
        overall = [Double](repeating: 0, count: fitted.terms.count)
        totals = [Double](repeating: 0, count: themes)
        let offsets = fitted.matrix.csrRowOffsets, columns = fitted.matrix.csrColumnIndices
        for (i, theme) in assignments.enumerated() where theme >= 0 {
            for p in offsets[i]..<offsets[i + 1] {
                let t = Int(columns[p]), c = Double(fitted.counts[p])
                counts[theme][t, default: 0] += c
                overall[t] += c
                totals[theme] += c
            }
        }
    }

    /// The top terms (unigrams) and bigrams of a theme, as readable words.
    func top(_ theme: Int, terms: Int = 8, bigrams: Int = 4) -> ([String], [String]) {
        let average = totals.reduce(0, +) / Double(max(1, totals.count))
        let scored = counts[theme].map { (t, c) -> (Int, Double) in
            let tf = c / max(1, totals[theme])
            return (t, tf * log(1 + average / max(overall[t], 1)))
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let uni = scored.filter { !fitted.isBigram($0.0) }.prefix(terms).map { fitted.labels[$0.0] }
        let bi = scored.filter { fitted.isBigram($0.0) && counts[theme][$0.0]! >= 2 }.prefix(bigrams).map { fitted.labels[$0.0] }
        return (uni, bi)
    }
}

import Foundation

/// Class-based TF-IDF (Grootendorst 2022): treat each theme as one document, weight a term by its
/// frequency in the theme times log(1 + A / f), with A the average number of term occurrences per
/// theme and f the term's frequency over all themes — words that mark this theme, not all of them.
struct ThemeLabels {
    let fitted: TfidfVectorizer.Fitted
    /// Term counts per theme, dense (themes × terms): a counter per occurrence, not a hash.
    var counts: [Double]
    var totals: [Double]
    var overall: [Double]
    let terms: Int

    init(_ fitted: TfidfVectorizer.Fitted, assignments: [Int], themes: Int) {
        self.fitted = fitted
        terms = fitted.terms.count
        counts = [Double](repeating: 0, count: themes * terms)
        overall = [Double](repeating: 0, count: terms)
        totals = [Double](repeating: 0, count: themes)
        let offsets = fitted.matrix.csrRowOffsets, columns = fitted.matrix.csrColumnIndices
        for (i, theme) in assignments.enumerated() where theme >= 0 {
            for p in offsets[i]..<offsets[i + 1] {
                let t = Int(columns[p]), c = Double(fitted.counts[p])
                counts[theme * terms + t] += c
                overall[t] += c
                totals[theme] += c
            }
        }
    }

    /// The top terms (unigrams) and bigrams of a theme, as readable words.
    func top(_ theme: Int, terms: Int = 8, bigrams: Int = 4) -> ([String], [String]) {
        let average = totals.reduce(0, +) / Double(max(1, totals.count))
        let row = theme * self.terms
        let size = Swift.max(1, totals[theme])
        var scored: [(Int, Double)] = []
        for t in 0..<self.terms where counts[row + t] > 0 {
            let tf: Double = counts[row + t] / size
            let weight: Double = log(1 + average / Swift.max(overall[t], 1))
            scored.append((t, tf * weight))
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let uni = scored.filter { !fitted.isBigram($0.0) }.prefix(terms).map { fitted.labels[$0.0] }
        let bi = scored.filter { fitted.isBigram($0.0) && counts[row + $0.0] >= 2 }.prefix(bigrams).map { fitted.labels[$0.0] }
        return (uni, bi)
    }
}

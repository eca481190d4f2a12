/// Did-you-mean hints for misspelt names (parameters, keys, columns).
public enum Spelling {
    /// Levenshtein distance between two strings, case-insensitive.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate nearest to `word`, if close enough to be a plausible typo (at most a third of
    /// the word's letters, and at least 2, differ).
    public static func nearest(_ word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { (candidate: $0, d: distance(word, $0)) }
        guard let best = scored.min(by: { $0.d < $1.d }) else { return nil }
        return best.d <= max(2, word.count / 3) ? best.candidate : nil
    }
}

/// Groups of near-identical responses: the same set of terms (unigram stems after stop words:
/// "Please, more staff on nights!" and "more staff nights please"), or, for responses of at least
/// `looseAbove` terms, sets one term apart — one added, dropped or replaced, so Jaccard ≥ 5/7.
/// Shorter responses need the same set: one term apart would join "staff rota problems" and
/// "staff rota changes". Each response is keyed by its set (and, when long enough, by each set
/// with one term left out); responses that share a key are joined (union–find). Linear in the
/// number of terms, so it runs on millions of responses; exact duplicates fall in the same groups.
enum NearDuplicates {
    /// `rowTerms(i, &terms)` fills row i's unigram term ids in ascending order — every term, not
    /// only those kept by document-frequency limits, or rare words would vanish and unrelated
    /// responses look alike.
    static func groups(rows n: Int, minimumTerms: Int = 2, looseAbove: Int = 6, rowTerms: (Int, inout [UInt32]) -> Void) -> [[Int]] {
        var parent = [Int32](0..<Int32(n))
        func find(_ i: Int) -> Int {
            var r = i
            while parent[r] != Int32(r) { r = Int(parent[r]) }
            var j = i
            while parent[j] != Int32(r) { let next = Int(parent[j]); parent[j] = Int32(r); j = next }
            return r
        }
        var keys = KeyTable()
        var owner: [Int32] = []
        var terms: [UInt32] = []
        /// FNV-1a over the term ids, skipping position `skip` (−1: none).
        func key(skip: Int) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for (p, t) in terms.enumerated() where p != skip { h = (h ^ UInt64(t)) &* 0x0000_0100_0000_01b3 }
            return h ^ UInt64(terms.count - (skip >= 0 ? 1 : 0))
        }
        for i in 0..<n {
            terms.removeAll(keepingCapacity: true)
            rowTerms(i, &terms)
            guard terms.count >= minimumTerms else { continue }
            for skip in (terms.count >= looseAbove ? -1..<terms.count : -1..<0) {
                let (k, inserted) = keys.intern(key(skip: skip))
                if inserted {
                    owner.append(Int32(i))
                } else {
                    let a = find(Int(owner[k])), b = find(i)
                    if a != b { parent[max(a, b)] = Int32(min(a, b)) }
                }
            }
        }
        let roots = (0..<n).map(find)
        return GroupsByKey.groups(Array(0..<n)) { roots[$0] }
    }
}

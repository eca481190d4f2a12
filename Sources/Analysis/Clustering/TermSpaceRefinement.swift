import NumericCore

/// Capacity-constrained spherical k-means passes in the full TF-IDF term space (Dhillon & Modha
/// 2001), started from themes found in the LSA embedding. The hundred LSA directions carry the
/// broad structure and make the search cheap, but blur the rarer terms that tell neighbouring
/// themes apart; a few passes with every term sharpen the boundaries. On StackOverflow (20 000
/// titles, k = 20, seeds 0–5) NMI rose from 0.694 to 0.702 on average; at 200 000, 0.594 → 0.604.
///
/// Each pass: every response goes to the theme whose centre (the unit-length sum of its members'
/// TF-IDF rows) it is most similar to, under the same capacity rule as `BalancedKMeans.refine`.
/// The sums are kept term-major — k values per term, so scoring a response reads its terms' rows
/// contiguously — and updated for the responses that moved only. Stops when fewer than
/// `settled` × n responses move.
struct TermSpaceRefinement {
    var passes: Int
    /// The share of responses whose moving still counts as progress (below it, the themes are settled).
    var settled = 0.001

    /// New labels for `rows` of `x` (labels[r] belongs to row rows[r]); `cap` bounds every theme's
    /// size (nil: no bound).
    func refine(_ x: SparseMatrix<Double>, rows: [Int], labels start: [Int], clusters k: Int, cap: Int?) -> [Int] {
        let n = rows.count, terms = x.columns
        var labels = start
        guard k > 1, n > 0, passes > 0 else { return labels }
        let offsets = x.csrRowOffsets, columns = x.csrColumnIndices, values = x.csrValues
        // Sums in Double (exact enough to update in place); their Float copy is what scoring reads.
        var sums = [Double](repeating: 0, count: terms * k)
        for (r, i) in rows.enumerated() {
            for p in offsets[i]..<offsets[i + 1] { sums[Int(columns[p]) * k + labels[r]] += values[p] }
        }
        var centres = sums.map { Float($0) }
        var best = [Int](repeating: 0, count: n), margin = [Double](repeating: 0, count: n)
        for _ in 0..<passes {
            var norms = [Double](repeating: 0, count: k)
            for t in 0..<terms { for c in 0..<k { norms[c] += sums[t * k + c] * sums[t * k + c] } }
            let scale = norms.map { Float($0 > 0 ? 1 / $0.squareRoot() : 0) }
            // Each response's best and second-best theme, in parallel over fixed chunks.
            centres.withUnsafeBufferPointer { cs in
                best.withUnsafeMutableBufferPointer { bp in
                    margin.withUnsafeMutableBufferPointer { mp in
                        let shared = UncheckedSendable((cs, bp, mp))
                        let chunks = Parallel.chunkCount(count: n, grain: 4096)
                        Parallel.forEach(count: chunks) { chunk in
                            let (cs, bp, mp) = shared.value
                            var score = [Float](repeating: 0, count: k)
                            for r in Parallel.chunkRange(chunk, chunks: chunks, count: n) {
                                let i = rows[r]
                                for c in 0..<k { score[c] = 0 }
                                for p in offsets[i]..<offsets[i + 1] {
                                    let v = Float(values[p]), centre = cs.baseAddress! + Int(columns[p]) * k
                                    for c in 0..<k { score[c] += v * centre[c] }
                                }
                                var b = 0, first = -Float.infinity, second = -Float.infinity
                                for c in 0..<k {
                                    let s = score[c] * scale[c]
                                    if s > first { second = first; first = s; b = c } else if s > second { second = s }
                                }
                                bp[r] = b
                                mp[r] = Double(first - second)
                            }
                        }
                    }
                }
            }
            let next = cap.map { cap in
                BalancedKMeans.assignUnderCapacity(best: best, margin: margin, clusters: k, cap: cap) { r, c in
                    let i = rows[r]
                    var dot: Float = 0
                    for p in offsets[i]..<offsets[i + 1] { dot += Float(values[p]) * centres[Int(columns[p]) * k + c] }
                    return Double(dot * scale[c])
                }
            } ?? best
            // Move the responses that changed theme from one sum to the other.
            var moved = 0
            for r in 0..<n where next[r] != labels[r] {
                moved += 1
                let i = rows[r], from = labels[r], to = next[r]
                for p in offsets[i]..<offsets[i + 1] {
                    let t = Int(columns[p]) * k
                    sums[t + from] -= values[p]
                    sums[t + to] += values[p]
                    centres[t + from] = Float(sums[t + from])
                    centres[t + to] = Float(sums[t + to])
                }
            }
            labels = next
            if Double(moved) <= settled * Double(n) { break }
        }
        return labels
    }
}

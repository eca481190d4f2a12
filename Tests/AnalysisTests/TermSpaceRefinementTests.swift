@testable import Analysis
import NumericCore
import Testing

/// Term-space refinement against planted topics: responses drawn from three disjoint vocabularies
/// (plus shared filler terms), started from labels with a fifth of them wrong.
@Suite("Term-space refinement")
struct TermSpaceRefinementTests {
    /// 3 topics of `sizes` responses; each response has 4 of its topic's 30 terms and 2 of 20
    /// shared terms, TF-IDF-like weights, unit rows. Also returns labels with every fifth one wrong.
    static func planted(sizes: [Int] = [200, 200, 200], seed: UInt64 = 4) throws -> (SparseMatrix<Double>, truth: [Int], start: [Int]) {
        var rng = Xoshiro256PlusPlus(seed: seed)
        var rows: [Int] = [], columns: [Int] = [], values: [Double] = []
        var truth: [Int] = []
        for topic in 0..<3 {
            for _ in 0..<sizes[topic] {
                let r = truth.count
                let own = rng.sampleWithoutReplacement(4, from: 30).map { 20 + topic * 30 + $0 }
                let shared = rng.sampleWithoutReplacement(2, from: 20)
                let terms = own + shared
                let weights = terms.map { $0 < 20 ? 0.5 : 1 + rng.nextUnitDouble() }
                let norm = weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
                for (t, w) in zip(terms, weights) { rows.append(r); columns.append(t); values.append(w / norm) }
                truth.append(topic)
            }
        }
        let x = try SparseMatrix(rows: truth.count, columns: 110, rowIndices: rows, columnIndices: columns, values: values)
        let start = truth.enumerated().map { $0.offset % 5 == 0 ? ($0.element + 1) % 3 : $0.element }
        return (x, truth, start)
    }

    @Test func wrongLabelsAreCorrectedWithinTheCap() throws {
        let (x, truth, start) = try Self.planted()
        let rows = Array(0..<truth.count)
        let refined = TermSpaceRefinement(passes: 10).refine(x, rows: rows, labels: start, clusters: 3, cap: nil)
        #expect(refined == truth)
    }

    /// A cap below the largest topic: no theme exceeds it; the largest keeps exactly `cap` of its
    /// own and the overflow goes elsewhere, while the others keep all of theirs.
    @Test func theCapHoldsAndOnlyTheOverflowMoves() throws {
        let (x, truth, start) = try Self.planted(sizes: [260, 170, 170])
        let capped = TermSpaceRefinement(passes: 10).refine(x, rows: Array(0..<truth.count), labels: start, clusters: 3, cap: 220)
        var sizes = [0, 0, 0]
        for l in capped { sizes[l] += 1 }
        #expect(sizes.allSatisfy { $0 <= 220 })
        let wrong = zip(capped, truth).filter { $0 != $1 }
        #expect(wrong.count == 40 && wrong.allSatisfy { $0.1 == 0 }, "40 of the largest topic's 260 overflow")
    }

    /// Only the listed rows are clustered (the live responses), and zero passes change nothing.
    @Test func onlyTheGivenRowsAreLabelledAndZeroPassesKeepTheStart() throws {
        let (x, truth, start) = try Self.planted()
        let rows = Array(stride(from: 0, to: truth.count, by: 2))
        let subset = rows.map { start[$0] }
        let refined = TermSpaceRefinement(passes: 10).refine(x, rows: rows, labels: subset, clusters: 3, cap: nil)
        #expect(refined == rows.map { truth[$0] })
        #expect(TermSpaceRefinement(passes: 0).refine(x, rows: rows, labels: subset, clusters: 3, cap: nil) == subset)
    }
}

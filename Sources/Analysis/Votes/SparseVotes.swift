import Foundation
import NumericCore

/// Votes stored by participant (compressed rows): a participant's votes are
/// `values[offsets[i]..<offsets[i + 1]]` on statements `columns[…]`, ascending. Five bytes a vote,
/// so a conversation of 200 000 voters × 200 000 statements with a million votes takes 5 MB where a
/// dense matrix would take 320 GB.
public struct SparseVotes: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public private(set) var offsets: [Int]
    public private(set) var indices: [Int32]
    /// −1 disagree, 0 pass, +1 agree.
    public private(set) var values: [Int8]

    public var count: Int { values.count }

    /// From (participant, statement, vote) entries in any order; of two votes on the same statement
    /// by the same participant, the later entry wins.
    public init(rows: Int, columns: Int, entries: [(row: Int, column: Int, vote: Int8)]) {
        self.rows = rows
        self.columns = columns
        let order = entries.indices.sorted { (entries[$0].row, entries[$0].column, $0) < (entries[$1].row, entries[$1].column, $1) }
        var offsets = [Int](repeating: 0, count: rows + 1), indices: [Int32] = [], values: [Int8] = []
        indices.reserveCapacity(entries.count)
        values.reserveCapacity(entries.count)
        var previous: (Int, Int)? = nil
        for k in order {
            let e = entries[k]
            if let p = previous, p == (e.row, e.column) {
                values[values.count - 1] = e.vote
                continue
            }
            indices.append(Int32(e.column))
            values.append(e.vote)
            offsets[e.row + 1] += 1
            previous = (e.row, e.column)
        }
        for i in 0..<rows { offsets[i + 1] += offsets[i] }
        self.offsets = offsets
        self.indices = indices
        self.values = values
    }

    /// From a dense matrix with NaN where there is no vote.
    public init(_ dense: Matrix<Double>) {
        var entries: [(row: Int, column: Int, vote: Int8)] = []
        for i in 0..<dense.rows {
            for j in 0..<dense.columns where !dense[i, j].isNaN { entries.append((i, j, Int8(dense[i, j]))) }
        }
        self.init(rows: dense.rows, columns: dense.columns, entries: entries)
    }

    /// The entries of participant `i`.
    @inlinable public func row(_ i: Int) -> Range<Int> { offsets[i]..<offsets[i + 1] }

    /// Participant i's vote on statement j, NaN when none; setting NaN removes it (rebuilds the
    /// rows: for tests and small edits, not for loops).
    public subscript(i: Int, j: Int) -> Double {
        get {
            let r = row(i)
            var lo = r.lowerBound, hi = r.upperBound
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(indices[mid]) < j { lo = mid + 1 } else { hi = mid }
            }
            return lo < r.upperBound && Int(indices[lo]) == j ? Double(values[lo]) : .nan
        }
        set {
            var entries: [(row: Int, column: Int, vote: Int8)] = []
            for r in 0..<rows {
                for k in row(r) where !(r == i && Int(indices[k]) == j) { entries.append((r, Int(indices[k]), values[k])) }
            }
            if !newValue.isNaN { entries.append((i, j, Int8(newValue))) }
            self = SparseVotes(rows: rows, columns: columns, entries: entries)
        }
    }
}

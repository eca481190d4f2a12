import Foundation
import Outputs

/// Theme ids that outlive a refit. After a new fit, every theme's centre (old themes from the
/// responses they held, new ones from theirs) is taken in the new fit's term space, and new themes
/// take the ids of the old ones they are most similar to, best pairs first, above `threshold`;
/// the rest get ids never used before. A split is an old theme most of whose responses went to two
/// or more new themes; a merge, a new theme that took most of two or more old ones.
public struct ThemeIdentity: Sendable {
    /// One refit: which ids carried over, which were new, which retired, and the splits and merges.
    public struct Refit: Codable, Sendable, Equatable {
        public struct Match: Codable, Sendable, Equatable {
            public var id: Int
            public var similarity: Double
        }

        public struct Split: Codable, Sendable, Equatable {
            public var id: Int
            public var into: [Int]
        }

        public struct Merge: Codable, Sendable, Equatable {
            public var id: Int
            public var from: [Int]
        }

        public var number: Int
        public var responses: Int
        public var kept: [Match]
        public var new: [Int]
        public var retired: [Int]
        public var splits: [Split]
        public var merges: [Merge]
    }

    /// Cosine between centres above which a new theme is the old one continued.
    public var threshold = 0.5
    /// Share of an old theme's (or a new theme's) responses that makes a part of a split (a merge).
    public var part = 0.25

    public init() {}

    /// Renumbers `new` (themes 0..<k of a fresh fit over all responses) into stable ids, given the
    /// `previous` assignments (stable ids, for the first `previous.count` responses) and the first id
    /// never used. Returns the renumbered result, the refit's record and the next unused id.
    public func match(_ new: ThemeFinder.Result, previous: [Int], nextID: Int, number: Int) -> (ThemeFinder.Result, Refit, Int) {
        guard let space = new.termSpace else { return (new, Refit(number: number, responses: new.assignments.count, kept: [], new: [], retired: [], splits: [], merges: []), nextID) }
        func centre(_ rows: [Int]) -> [Double] {
            let (c, norm) = space.termSum(of: rows)
            return norm > 0 ? c.map { $0 / norm } : c
        }
        let oldIDs = Array(Set(previous.filter { $0 >= 0 })).sorted()
        let newIDs = new.themes.map(\.id)
        var oldRows: [Int: [Int]] = [:], newRows: [Int: [Int]] = [:]
        for (i, a) in previous.enumerated() where a >= 0 { oldRows[a, default: []].append(i) }
        for (i, a) in new.assignments.enumerated() where a >= 0 { newRows[a, default: []].append(i) }
        let oldCentres = oldIDs.map { centre(oldRows[$0] ?? []) }, newCentres = newIDs.map { centre(newRows[$0] ?? []) }
        var pairs: [(old: Int, new: Int, similarity: Double)] = []
        for (a, oc) in oldCentres.enumerated() {
            for (b, nc) in newCentres.enumerated() {
                let s = zip(oc, nc).reduce(0) { $0 + $1.0 * $1.1 }
                if s >= threshold { pairs.append((a, b, s)) }
            }
        }
        // Best pairs first; ties to the older, then the larger new theme: the same answer every time.
        pairs.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : ($0.old, $0.new) < ($1.old, $1.new) }
        var stable = [Int: Int](), usedOld = Set<Int>()
        var kept: [Refit.Match] = []
        for p in pairs where stable[newIDs[p.new]] == nil && !usedOld.contains(p.old) {
            stable[newIDs[p.new]] = oldIDs[p.old]
            usedOld.insert(p.old)
            kept.append(.init(id: oldIDs[p.old], similarity: (p.similarity * 10_000).rounded() / 10_000))
        }
        var next = max(nextID, (oldIDs.max() ?? -1) + 1)
        var fresh: [Int] = []
        for id in newIDs where stable[id] == nil {
            stable[id] = next
            fresh.append(next)
            next += 1
        }
        var renumbered = new
        renumbered.assignments = new.assignments.map { $0 >= 0 ? stable[$0]! : -1 }
        for k in renumbered.themes.indices { renumbered.themes[k].id = stable[renumbered.themes[k].id]! }
        renumbered.shortAnswerTheme = new.shortAnswerTheme.flatMap { stable[$0] }
        // Splits and merges, from where the responses of both fits went.
        var flows: [Int: [Int: Int]] = [:]
        for (i, a) in previous.enumerated() where a >= 0 && renumbered.assignments[i] >= 0 { flows[a, default: [:]][renumbered.assignments[i], default: 0] += 1 }
        var splits: [Refit.Split] = []
        for id in oldIDs {
            let total = oldRows[id]?.count ?? 0
            let parts = (flows[id] ?? [:]).filter { Double($0.value) >= part * Double(total) }.keys.sorted()
            if parts.count >= 2 { splits.append(.init(id: id, into: parts)) }
        }
        var merges: [Refit.Merge] = []
        var into: [Int: [Int: Int]] = [:]
        for (old, targets) in flows { for (target, count) in targets { into[target, default: [:]][old] = count } }
        for theme in renumbered.themes {
            let size = (into[theme.id] ?? [:]).values.reduce(0, +)
            let from = (into[theme.id] ?? [:]).filter { Double($0.value) >= part * Double(size) && Double($0.value) >= part * Double(oldRows[$0.key]?.count ?? 0) }.keys.sorted()
            if from.count >= 2 { merges.append(.init(id: theme.id, from: from)) }
        }
        let record = Refit(number: number, responses: new.assignments.count, kept: kept.sorted { $0.id < $1.id }, new: fresh,
                           retired: oldIDs.indices.filter { !usedOld.contains($0) }.map { oldIDs[$0] }, splits: splits, merges: merges.sorted { $0.id < $1.id })
        return (renumbered, record, next)
    }
}

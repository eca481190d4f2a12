import Foundation
import Outputs

/// An analyst's edits applied to a fitted analysis, in order, reproducibly: the same analysis and
/// edits file give the same themes. Theme ids stay what they were fitted as (a merged theme's id
/// goes, a split adds ids after the largest), so an edit names the themes the analyst saw. Themes
/// an edit changed are described again: terms, and the label unless a person gave or pinned it
/// (a rename, a pin, a merge's or a term split's label; a split by clustering relabels), by class-based TF-IDF;
/// each member's similarity as its cosine to the theme's centre in the term space (the one space
/// every analysis has), quotes and cohesion from those. Untouched themes keep their description.
public struct ThemeCuration: Sendable {
    public struct Outcome: Sendable {
        public var result: ThemeFinder.Result
        /// Per response: its theme as fitted, and the edits (numbers from 1) that moved it.
        public var original: [Int]
        public var originalLabels: [Int: String]
        public var rowEdits: [[Int]]
        /// Responses a "not a theme" edit sent to other.
        public var notATheme: Set<Int>
        public var records: [ThemesSummary.Edit]
    }

    public let finder: ThemeFinder

    public init(finder: ThemeFinder) { self.finder = finder }

    /// The identity outcome: every response where it was fitted, no edits.
    public static func unedited(_ result: ThemeFinder.Result) -> Outcome {
        Outcome(result: result, original: result.assignments, originalLabels: Dictionary(uniqueKeysWithValues: result.themes.map { ($0.id, $0.label) }),
                rowEdits: [[Int]](repeating: [], count: result.assignments.count), notATheme: [], records: [])
    }

    /// Applies `edits` to `result` (which must still hold its term space). `ids` name responses for
    /// `move`; `by` is who made edits that do not say; `at` when, for those that do not say. Themes
    /// an edit creates take ids from `newIDsFrom` (default: after the largest), or the ids the same
    /// edit created before (`createdIDs`, by edit number: a refit's splits keep their ids).
    public func apply(_ edits: ThemeEdits, to result: ThemeFinder.Result, texts: [String], ids: [String], by: String?, at: String?,
                      newIDsFrom: Int? = nil, createdIDs: [Int: [Int]] = [:]) throws -> Outcome {
        guard let space = result.termSpace else { throw ThemeFinder.ThemeError.vectors("the analysis has no term space to describe edited themes in") }
        var outcome = Self.unedited(result)
        var assignments = result.assignments
        var themes = Dictionary(uniqueKeysWithValues: result.themes.map { ($0.id, $0) })
        var pinned = Set<Int>(), changed = Set<Int>()
        var nextID = max(newIDsFrom ?? 0, (result.themes.map(\.id).max() ?? -1) + 1)
        let reserved = Set(createdIDs.values.flatMap { $0 })
        /// The id of edit `number`'s `j`-th new theme: the one it had before, else the next unused.
        func newID(_ number: Int, _ j: Int) -> Int {
            if let before = createdIDs[number], j < before.count, themes[before[j]] == nil { return before[j] }
            while themes[nextID] != nil || reserved.contains(nextID) { nextID += 1 }
            defer { nextID += 1 }
            return nextID
        }
        let rowOfID = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let known = { themes.keys.sorted().map(String.init).joined(separator: ", ") }
        func members(_ t: Int) -> [Int] { assignments.indices.filter { assignments[$0] == t } }

        for (k, edit) in edits.edits.enumerated() {
            let number = k + 1
            var record = ThemesSummary.Edit(number: number, kind: edit.action.kind, themes: [], created: [], by: edit.by ?? by, at: edit.at ?? at,
                                            note: edit.note, applied: false, outcome: "", responses: 0)
            func refuse(_ why: String) { record.outcome = why }
            func move(_ rows: [Int], to theme: Int) {
                for i in rows where assignments[i] != theme {
                    if assignments[i] >= 0 { changed.insert(assignments[i]) }
                    assignments[i] = theme
                    outcome.rowEdits[i].append(number)
                    record.responses += 1
                }
                if theme >= 0 { changed.insert(theme) }
            }
            switch edit.action {
            case let .rename(t, label):
                record.themes = [t]
                guard themes[t] != nil else { refuse("theme \(t) does not exist (themes: \(known()))"); break }
                let old = themes[t]!.label
                themes[t]!.label = label
                pinned.insert(t)
                record.applied = true
                record.outcome = "theme \(t) “\(old)” is now “\(label)”"
            case let .pin(t, label):
                record.themes = [t]
                guard themes[t] != nil else { refuse("theme \(t) does not exist (themes: \(known()))"); break }
                if let label { themes[t]!.label = label }
                pinned.insert(t)
                record.applied = true
                record.outcome = "theme \(t)'s label “\(themes[t]!.label)” is kept through later edits"
            case let .merge(list, into, label):
                record.themes = list
                let missing = list.filter { themes[$0] == nil }
                guard missing.isEmpty else { refuse("theme\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) do\(missing.count == 1 ? "es" : "") not exist (themes: \(known()))"); break }
                for t in list where t != into {
                    move(members(t), to: into)
                    themes[t] = nil
                    changed.remove(t)
                }
                if let label {
                    themes[into]!.label = label
                    pinned.insert(into)
                }
                record.applied = true
                record.outcome = "themes \(list.map(String.init).joined(separator: ", ")) merged into \(into)"
            case let .splitByTerm(t, term, label):
                record.themes = [t]
                guard themes[t] != nil else { refuse("theme \(t) does not exist (themes: \(known()))"); break }
                let inTheme = members(t)
                let matching = inTheme.filter { Self.mentions(texts[$0], term) }
                guard !matching.isEmpty else { refuse("no response in theme \(t) mentions “\(term)”: nothing to split off"); break }
                guard matching.count < inTheme.count else { refuse("every response in theme \(t) mentions “\(term)”: nothing would remain"); break }
                let id = newID(number, 0)
                themes[id] = ThemeFinder.Theme(id: id, size: 0, share: 0, label: label ?? term, terms: [], bigrams: [], representatives: [], cohesion: 0)
                if label != nil { pinned.insert(id) }
                move(matching, to: id)
                record.created = [id]
                record.applied = true
                record.outcome = "\(matching.count) of theme \(t)'s \(inTheme.count) responses mention “\(term)”: now theme \(id)"
            case let .recluster(t, parts):
                record.themes = [t]
                guard themes[t] != nil else { refuse("theme \(t) does not exist (themes: \(known()))"); break }
                let inTheme = members(t)
                guard inTheme.count >= 3 * parts else { refuse("theme \(t) has \(inTheme.count) responses: too few to split into \(parts) (at least \(3 * parts))"); break }
                var sub = finder
                sub.k = parts
                sub.fitSample = 0
                let split: ThemeFinder.Result
                do {
                    split = try sub.analyse(inTheme.map { texts[$0] })
                } catch {
                    refuse("theme \(t) could not be clustered again: \(error)")
                    break
                }
                guard split.themes.count >= 2 else { refuse("theme \(t) clustered again is still one theme"); break }
                // The largest part keeps the id; the others take new ones (responses the sub-analysis left out stay).
                var newIDs = [t]
                for j in 1..<split.themes.count {
                    let id = newID(number, j - 1)
                    newIDs.append(id)
                    themes[id] = ThemeFinder.Theme(id: id, size: 0, share: 0, label: "", terms: [], bigrams: [], representatives: [], cohesion: 0)
                }
                for part in 1..<split.themes.count {
                    move(inTheme.indices.filter { split.assignments[$0] == part }.map { inTheme[$0] }, to: newIDs[part])
                }
                changed.insert(t)
                pinned.remove(t)
                record.created = Array(newIDs.dropFirst())
                record.applied = true
                record.outcome = "theme \(t) (\(inTheme.count) responses) clustered again into \(split.themes.count): " + newIDs.map(String.init).joined(separator: ", ")
            case let .move(rows, names, to):
                if let to { record.themes = [to] }
                if let to, themes[to] == nil { refuse("theme \(to) does not exist (themes: \(known()))"); break }
                let badRows = rows.filter { $0 >= texts.count }
                let badIDs = names.filter { rowOfID[$0] == nil }
                let targets = rows.filter { $0 < texts.count } + names.compactMap { rowOfID[$0] }
                guard !targets.isEmpty else { refuse("none of the responses named exist (rows 0 to \(texts.count - 1))"); break }
                move(targets, to: to ?? -1)
                outcome.notATheme.subtract(targets)
                record.applied = true
                var words = "\(record.responses) response\(record.responses == 1 ? "" : "s") moved to " + (to.map { "theme \($0)" } ?? "other")
                if !badRows.isEmpty || !badIDs.isEmpty {
                    words += "; not found: " + (badRows.map { "row \($0)" } + badIDs.map { "id \($0)" }).joined(separator: ", ")
                }
                record.outcome = words
            case let .notATheme(t):
                record.themes = [t]
                guard themes[t] != nil else { refuse("theme \(t) does not exist (themes: \(known()))"); break }
                let inTheme = members(t)
                move(inTheme, to: -1)
                outcome.notATheme.formUnion(inTheme)
                themes[t] = nil
                changed.remove(t)
                record.applied = true
                record.outcome = "theme \(t) is not a theme: its \(inTheme.count) responses are other"
            }
            outcome.records.append(record)
        }

        // Describe the changed themes again; drop any left empty.
        var similarity = result.similarity
        let n = texts.count
        for t in changed where themes[t] != nil && members(t).isEmpty { themes[t] = nil }
        let width = (themes.keys.max() ?? -1) + 1
        let labelling = ThemeLabels(space, assignments: assignments, themes: width)
        let m = space.matrix, offsets = m.csrRowOffsets, columns = m.csrColumnIndices, values = m.csrValues
        for t in changed.sorted() where themes[t] != nil {
            let inTheme = members(t)
            let (centre, norm) = space.termSum(of: inTheme)
            for i in inTheme {
                var dot = 0.0, own = 0.0
                for e in offsets[i]..<offsets[i + 1] {
                    dot += values[e] * centre[Int(columns[e])]
                    own += values[e] * values[e]
                }
                similarity[i] = norm > 0 && own > 0 ? dot / (norm * own.squareRoot()) : 0
            }
            let (terms, bigrams) = labelling.top(t)
            var theme = themes[t]!
            theme.terms = terms
            theme.bigrams = bigrams
            theme.representatives = ThemeFinder.representatives(inTheme, similarity: similarity, signatures: space.signatures,
                                                                count: finder.representatives, space: space.matrix)
            if !pinned.contains(t) {
                theme.label = ThemeFinder.label(terms: terms, bigrams: bigrams, quotes: theme.representatives.map { texts[$0] })
            }
            theme.cohesion = inTheme.reduce(0.0) { $0 + similarity[$1] } / Double(max(1, inTheme.count))
            themes[t] = theme
        }
        for i in 0..<n where assignments[i] < 0 && result.assignments[i] >= 0 { similarity[i] = 0 }
        var sizes: [Int: Int] = [:]
        for a in assignments where a >= 0 { sizes[a, default: 0] += 1 }
        var list = Array(themes.values)
        for k in list.indices {
            list[k].size = sizes[list[k].id] ?? 0
            list[k].share = Double(list[k].size) / Double(max(1, n))
        }
        list.sort { $0.size != $1.size ? $0.size > $1.size : $0.id < $1.id }
        var edited = result
        edited.assignments = assignments
        edited.similarity = similarity
        edited.themes = list
        if let s = edited.shortAnswerTheme, themes[s] == nil { edited.shortAnswerTheme = nil }
        outcome.result = edited
        return outcome
    }

    /// Whether `text` holds `term` at the start of a word, ignoring case and accents ("park" finds
    /// "Parking"); a term of several words must appear as written.
    static func mentions(_ text: String, _ term: String) -> Bool {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let needle = term.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return false }
        var search = folded.startIndex..<folded.endIndex
        while let found = folded.range(of: needle, range: search) {
            if found.lowerBound == folded.startIndex || !folded[folded.index(before: found.lowerBound)].isLetter { return true }
            search = found.upperBound..<folded.endIndex
        }
        return false
    }
}

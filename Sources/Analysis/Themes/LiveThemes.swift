import Foundation
import NumericCore

/// An analysis that keeps up with responses as they arrive (`skein analyse --watch`). It is fitted
/// on the rows there are; each later row is placed in the nearest theme (or other) as `skein assign`
/// would, leaving the themes as they are; a refit analyses every row again and renumbers its themes
/// into the ids they had (`ThemeIdentity`), so the ids people see hold across refits. The analyst's
/// edits are applied at every fit, by those ids, and new rows are placed in the edited themes.
public struct LiveThemes {
    /// A fresh analysis of texts: its result (with the term space) and the encoder's rows, if any.
    public typealias Analyse = ([String]) throws -> (ThemeFinder.Result, Matrix<Float>?)
    /// The encoder's unit rows for new texts (nil for TF-IDF analyses).
    public typealias Embed = ([String]) throws -> Matrix<Float>?

    public let finder: ThemeFinder
    public let embedding: String
    public var edits: ThemeEdits?
    public var by: String?
    public var at: String?
    public var identity = ThemeIdentity()
    let analyse: Analyse
    let embed: Embed

    /// Every row so far (redacted), the themes in stable ids over all of them, and the edits' outcome.
    public private(set) var table = ResponseTable(texts: [], ids: [])
    public private(set) var result: ThemeFinder.Result?
    public private(set) var curation: ThemeCuration.Outcome?
    /// The fit new rows are placed with (the edited themes' centres), and how many rows it saw.
    public private(set) var fit: FittedThemes?
    public private(set) var centres: [Float] = []
    public private(set) var fittedRows = 0
    public private(set) var refits: [ThemeIdentity.Refit] = []
    /// The fitted themes before edits, in stable ids, over the fitted rows: what a refit is matched to.
    var raw: [Int] = []
    var nextID = 0
    var createdIDs: [Int: [Int]] = [:]

    public init(finder: ThemeFinder, embedding: String, edits: ThemeEdits? = nil, by: String? = nil, at: String? = nil,
                analyse: @escaping Analyse, embed: @escaping Embed) {
        self.finder = finder
        self.embedding = embedding
        self.edits = edits
        self.by = by
        self.at = at
        self.analyse = analyse
        self.embed = embed
    }

    /// Analyses every row of `table` afresh (the first fit, or a refit); returns the refit's record
    /// (nil for the first fit).
    @discardableResult
    public mutating func refit(_ table: ResponseTable, redact: Bool, namesFile: String?) throws -> ThemeIdentity.Refit? {
        var (fresh, embedded) = try analyse(table.texts)
        var record: ThemeIdentity.Refit?
        if result == nil {
            nextID = (fresh.themes.map(\.id).max() ?? -1) + 1
        } else {
            let (renumbered, r, next) = identity.match(fresh, previous: raw, nextID: nextID, number: refits.count + 1)
            fresh = renumbered
            nextID = next
            record = r
            refits.append(r)
        }
        raw = fresh.assignments
        var outcome = ThemeCuration.unedited(fresh)
        if let edits {
            outcome = try ThemeCuration(finder: finder).apply(edits, to: fresh, texts: table.texts, ids: table.ids, by: by, at: at,
                                                               newIDsFrom: nextID, createdIDs: createdIDs)
            for e in outcome.records where !e.created.isEmpty { createdIDs[e.number] = e.created }
            // An edit whose theme a refit retired says so, rather than that the theme is unknown.
            let retired = Set(refits.flatMap(\.retired))
            for k in outcome.records.indices where !outcome.records[k].applied {
                if let gone = outcome.records[k].themes.first(where: { retired.contains($0) }),
                   let at = refits.first(where: { $0.retired.contains(gone) })?.number {
                    outcome.records[k].outcome = "theme \(gone) was retired at refit \(at) (no theme of that fit matched it), so this edit could not be applied again"
                }
            }
            nextID = max(nextID, (outcome.result.themes.map(\.id).max() ?? -1) + 1, (createdIDs.values.flatMap { $0 }.max() ?? -1) + 1)
        }
        guard let made = FittedThemes.make(outcome.result, finder: finder, embedding: embedding, embedded: embedded,
                                           redact: redact, namesFile: namesFile) else {
            throw ThemeFinder.ThemeError.vectors("this analysis cannot place new rows (it has no single space to place them in)")
        }
        embedded = nil
        fit = made.fit
        centres = made.centres
        var kept = outcome.result
        kept.termSpace = nil
        result = kept
        outcome.result = kept
        curation = outcome
        self.table = table
        fittedRows = table.texts.count
        return record
    }

    /// Places the rows of `table` beyond those already held (the table holds every row so far).
    public mutating func add(_ table: ResponseTable) throws {
        guard var r = result, var c = curation, let fit else { throw ThemeFinder.ThemeError.vectors("fit before adding rows") }
        let old = self.table.texts.count
        let new = Array(table.texts[old...])
        guard !new.isEmpty else { return }
        let placed = try fit.place(new, centres: centres, vectors: try embed(new))
        for (k, p) in placed.enumerated() {
            r.assignments.append(p.theme)
            r.similarity.append(p.similarity)
            r.x.append(.nan)
            r.y.append(.nan)
            if p.status == "empty" { r.empty.append(old + k) }
            c.original.append(p.theme)
            c.rowEdits.append([])
        }
        var sizes: [Int: Int] = [:]
        for a in r.assignments where a >= 0 { sizes[a, default: 0] += 1 }
        for k in r.themes.indices {
            r.themes[k].size = sizes[r.themes[k].id] ?? 0
            r.themes[k].share = Double(r.themes[k].size) / Double(r.assignments.count)
        }
        r.themes.sort { $0.size != $1.size ? $0.size > $1.size : $0.id < $1.id }
        c.result = r
        result = r
        curation = c
        self.table = table
    }

    /// Rows arrived since the last fit.
    public var sinceFit: Int { table.texts.count - fittedRows }
}

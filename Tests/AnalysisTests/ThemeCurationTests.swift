@testable import Analysis
import Documents
import Foundation
import Testing
import TestSupport

/// An analyst's edits on top of fitted themes: each kind does what it says to exactly the responses
/// it names, edits that cannot apply are recorded with the reason, the history keeps the fitted
/// theme, and the same edits give the same themes again. The edits file is read with located errors.
@Suite("Theme curation")
struct ThemeCurationTests {
    /// Four topics, 30 responses each, in a fixed shuffled order; "permit" in a third of the parking ones.
    static let texts: [String] = {
        let topics = [
            ["parking is impossible at the hospital", "car park charges are too high", "no parking spaces for staff", "parking permits take months"],
            ["not enough nurses on the ward", "staff shortages every night shift", "we need more nurses and doctors", "agency staff cost too much"],
            ["the canteen food is cold", "hot food after eight would help", "canteen closes too early", "healthy food options in the canteen"],
            ["waiting times in A&E are too long", "patients wait hours to be seen", "long waits for outpatient clinics", "waiting lists keep growing"],
        ]
        var out: [String] = []
        for k in 0..<30 { for t in topics { out.append("\(t[k % 4]), and \(t[(k + 1) % 4])") } }
        return out
    }()

    static func fitted() throws -> (ThemeFinder, ThemeFinder.Result) {
        let finder = ThemeFinder(k: 4, seed: 3)
        return (finder, try finder.analyse(texts))
    }

    /// The fitted theme whose members mostly mention `word`.
    static func theme(_ r: ThemeFinder.Result, mentioning word: String) -> Int {
        r.themes.max { a, b in
            let ca = texts.indices.filter { r.assignments[$0] == a.id && texts[$0].contains(word) }.count
            let cb = texts.indices.filter { r.assignments[$0] == b.id && texts[$0].contains(word) }.count
            return ca < cb
        }!.id
    }

    static func apply(_ yaml: String, _ finder: ThemeFinder, _ r: ThemeFinder.Result) throws -> ThemeCuration.Outcome {
        try ThemeCuration(finder: finder).apply(try ThemeEdits.parse(yaml, file: "edits.yaml"), to: r, texts: texts,
                                                ids: texts.indices.map { "r\($0)" }, by: "carol", at: "2026-12-03T10:00:00Z")
    }

    @Test("merge, split by term, move, pin, rename and not-a-theme change exactly the responses they name")
    func eachKind() throws {
        let (finder, r) = try Self.fitted()
        let parking = Self.theme(r, mentioning: "park"), staff = Self.theme(r, mentioning: "nurses")
        let food = Self.theme(r, mentioning: "canteen"), waiting = Self.theme(r, mentioning: "wait")
        #expect(Set([parking, staff, food, waiting]).count == 4)
        let size = { (o: ThemeCuration.Outcome, t: Int) in o.result.assignments.filter { $0 == t }.count }
        let yaml = """
            by: alice
            edits:
              - merge: [\(staff), \(food)]
                label: Staff and food
                note: the board reads them together
              - split: \(parking)
                term: permit
                label: Permits
              - move: [0, 1]
                to: other
                by: bob
              - rename: \(waiting)
                to: Waiting
              - not_a_theme: 99
            """
        let o = try Self.apply(yaml, finder, r)
        let fittedSize = { (t: Int) in r.assignments.filter { $0 == t }.count }
        // Merge: the two themes' members together (less any moved later), under the pinned label.
        let merged = Set(Self.texts.indices.filter { r.assignments[$0] == staff || r.assignments[$0] == food }).subtracting([0, 1])
        #expect(Set(o.result.assignments.indices.filter { o.result.assignments[$0] == staff }) == merged)
        #expect(!o.result.themes.contains { $0.id == food })
        #expect(o.result.themes.first { $0.id == staff }?.label == "Staff and food")
        // Split: a new id after the largest, holding exactly the parking responses that mention "permit".
        let permits = o.records[1].created
        #expect(permits == [(r.themes.map(\.id).max() ?? 0) + 1])
        let mention = Self.texts.indices.filter { r.assignments[$0] == parking && Self.texts[$0].contains("permit") && $0 > 1 }
        #expect(o.result.assignments.indices.filter { o.result.assignments[$0] == permits[0] } == mention)
        #expect(o.result.themes.first { $0.id == permits[0] }?.label == "Permits")
        #expect(size(o, parking) + size(o, permits[0]) + Self.texts[0...1].indices.filter { r.assignments[$0] == parking }.count == fittedSize(parking))
        // Move: rows 0 and 1 are other, and the history says which edits moved them.
        #expect(o.result.assignments[0] == -1 && o.result.assignments[1] == -1)
        #expect(o.original[0] == r.assignments[0] && o.rowEdits[0].last == 3)
        #expect(o.records[2].by == "bob" && o.records[0].by == "alice" && o.records[0].note == "the board reads them together")
        // Rename keeps the members; the edit that names no theme is recorded as not applied, with the themes there are.
        #expect(o.result.themes.first { $0.id == waiting }?.label == "Waiting" && size(o, waiting) == fittedSize(waiting) - (r.assignments[0...1].filter { $0 == waiting }.count))
        #expect(!o.records[4].applied && o.records[4].outcome.contains("theme 99 does not exist"))
        #expect(o.records.prefix(4).allSatisfy { $0.applied })
        // Sizes add up; themes listed largest first; descriptions of edited themes come from their own members.
        #expect(o.result.themes.map(\.size).reduce(0, +) == o.result.assignments.filter { $0 >= 0 }.count)
        #expect(zip(o.result.themes, o.result.themes.dropFirst()).allSatisfy { $0.size >= $1.size })
        #expect(o.result.themes.first { $0.id == staff }!.representatives.allSatisfy { o.result.assignments[$0] == staff })
    }

    @Test("not a theme sends its responses to other; a pinned label survives a later edit to its theme; the same edits give the same result")
    func notAThemePinAndReproducible() throws {
        let (finder, r) = try Self.fitted()
        let food = Self.theme(r, mentioning: "canteen"), staff = Self.theme(r, mentioning: "nurses")
        let waiting = Self.theme(r, mentioning: "wait"), parking = Self.theme(r, mentioning: "park")
        let yaml = """
            edits:
              - pin: \(staff)
                label: Staffing
              - not_a_theme: \(food)
              - move: [\(Self.texts.indices.first { r.assignments[$0] == food }!)]
                to: \(staff)
              - pin: \(waiting)
              - move: [\(Self.texts.indices.first { r.assignments[$0] == parking }!)]
                to: \(waiting)
            """
        let o = try Self.apply(yaml, finder, r)
        let foodRows = Self.texts.indices.filter { r.assignments[$0] == food }
        #expect(o.notATheme == Set(foodRows.dropFirst()))
        #expect(foodRows.dropFirst().allSatisfy { o.result.assignments[$0] == -1 })
        #expect(o.result.assignments[foodRows[0]] == staff)
        #expect(o.result.themes.first { $0.id == staff }?.label == "Staffing")
        // Pinned without a label: the fitted label stays though the theme gained a response.
        #expect(o.result.themes.first { $0.id == waiting }?.label == r.themes.first { $0.id == waiting }?.label)
        #expect(o.result.themes.first { $0.id == waiting }?.size == r.themes.first { $0.id == waiting }!.size + 1)
        #expect(o.records.allSatisfy { $0.by == "carol" && $0.at == "2026-12-03T10:00:00Z" })
        let again = try Self.apply(yaml, finder, r)
        #expect(again.result.assignments == o.result.assignments && again.result.similarity == o.result.similarity)
        #expect(again.result.themes.map(\.label) == o.result.themes.map(\.label) && again.records == o.records)
    }

    @Test("a split by clustering makes new themes of the theme's own responses")
    func recluster() throws {
        let (finder, r) = try Self.fitted()
        let parking = Self.theme(r, mentioning: "park")
        let o = try Self.apply("edits:\n  - split: \(parking)\n    parts: 2\n", finder, r)
        let before = Set(Self.texts.indices.filter { r.assignments[$0] == parking })
        let created = try #require(o.records.first?.created.first)
        let after = Set(Self.texts.indices.filter { o.result.assignments[$0] == parking || o.result.assignments[$0] == created })
        #expect(after == before && o.result.assignments.filter { $0 == created }.count > 0)
        let tooMany = try Self.apply("edits:\n  - split: \(parking)\n    parts: 20\n", finder, r)
        #expect(!tooMany.records[0].applied && tooMany.records[0].outcome.contains("too few"))
    }

    @Test("mistakes in the edits file are reported at their line, with what was expected")
    func locatedErrors() throws {
        let yaml = """
            edits:
              - rename: 3
                too: Parking
              - merge: [1]
              - split: 2
              - rename: 1
                to: A
                merge: [1, 2]
              - move: [4]
                to: nowhere
              - mrege: [1, 2]
            """
        #expect {
            _ = try ThemeEdits.parse(yaml, file: "edits.yaml")
        } throws: { error in
            let text = "\(error)"
            return text.contains("edits.yaml:3:5: unknown key \"too\"") && text.contains("did you mean \"to\"?")
                && text.contains("needs \"to\"") && text.contains("edits[1].merge needs at least two themes")
                && text.contains("edits.yaml:5:5: edits[2] splits by a term (term: word) or by clustering (parts: N)")
                && text.contains("edits[3] names 2 edits (rename, merge)") && text.contains("edits.yaml:10:9")
                && text.contains("edits[5] names no edit")
        }
        let ok = try ThemeEdits.parse("edits:\n  - move: [3]\n    ids: [r9]\n    to: other\n    at: '2026-12-01'\n", file: "e.yaml")
        #expect(ok.edits.map(\.action) == [.move(rows: [3], ids: ["r9"], to: nil)] && ok.edits[0].at == "2026-12-01")
    }

    @Test("the example edits file in Examples/curation reads as the README describes it")
    func example() throws {
        let edits = try ThemeEdits.load(Fixtures.repositoryRoot.appendingPathComponent("Examples/curation/edits.yaml"))
        #expect(edits.edits.map(\.action.kind) == ["rename", "merge", "split by term", "split by clustering", "move", "pin", "not a theme"])
        #expect(edits.edits.allSatisfy { $0.by == "facilitator" } && edits.edits[6].at == "2026-12-03T11:00:00Z")
    }

    @Test("themes matched by words: a term at the start of a word, any case or accent")
    func mentions() {
        #expect(ThemeCuration.mentions("Parking at night", "park"))
        #expect(!ThemeCuration.mentions("the carpark is full", "park"))
        #expect(ThemeCuration.mentions("Café opening hours", "cafe"))
        #expect(ThemeCuration.mentions("long waits for clinics", "long waits"))
    }
}

import Analysis
import Foundation
import Testing

/// Theme ids across refits: a refit that finds the same themes keeps every id whatever order the
/// new fit numbered them in; a theme that appears is new, one that goes is retired; splits and
/// merges are read from where the responses went.
@Suite("Theme identity across refits")
struct ThemeIdentityTests {
    static func texts(_ topics: Int, each: Int) -> [String] {
        let words = [["parking", "car park", "spaces"], ["nurses", "night shifts", "agency staff"], ["canteen", "hot food", "menu"],
                     ["waiting times", "clinics", "long waits"], ["training", "courses", "study leave"]]
        return (0..<(topics * each)).map { i in let w = words[i % topics]; return "\(w[i % 3]) and \(w[(i / 3 + 1) % 3]) matter" }
    }

    @Test("the same themes found again keep their ids, however the new fit numbered them")
    func sameThemesKeepIds() throws {
        let texts = Self.texts(4, each: 30)
        let first = try ThemeFinder(k: 4, seed: 1).analyse(texts)
        // Stable ids of the first fit, deliberately not 0..3, so a match cannot be by accident.
        let stable = first.assignments.map { $0 >= 0 ? 10 + $0 : -1 }
        let again = try ThemeFinder(k: 4, seed: 9).analyse(texts)
        let (renumbered, record, next) = ThemeIdentity().match(again, previous: stable, nextID: 14, number: 1)
        #expect(record.kept.map(\.id) == [10, 11, 12, 13] && record.new.isEmpty && record.retired.isEmpty)
        #expect(record.kept.allSatisfy { $0.similarity > 0.9 })
        #expect(renumbered.assignments == stable && next == 14)
        #expect(record.splits.isEmpty && record.merges.isEmpty)
    }

    @Test("a new topic gets an id never used; a theme split in two is recorded as a split")
    func newAndSplit() throws {
        let four = Self.texts(4, each: 30)
        let first = try ThemeFinder(k: 3, seed: 1).analyse(four)  // two topics share a theme
        let grown = four + Self.texts(5, each: 30).enumerated().filter { $0.offset % 5 == 4 }.map(\.element)
        let refit = try ThemeFinder(k: 5, seed: 1).analyse(grown)
        let (renumbered, record, next) = ThemeIdentity().match(refit, previous: first.assignments, nextID: 3, number: 1)
        #expect(record.kept.count == 3 && record.new.count == 2 && next == 5)
        #expect(Set(renumbered.themes.map(\.id)) == [0, 1, 2, 3, 4])
        #expect(record.splits.count == 1 && record.splits[0].into.count == 2, "\(record)")
        // The responses of the new topic are in a theme with a new id.
        let trainingRows = grown.indices.filter { grown[$0].contains("training") || grown[$0].contains("courses") || grown[$0].contains("study") }
        #expect(Set(trainingRows.map { renumbered.assignments[$0] }).isSubset(of: Set(record.new)))
    }
}

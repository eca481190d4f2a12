@testable import Analysis
import Foundation
import Testing
import TestSupport

/// Labels that never read the opposite way to their quotes (issue #26: "food good" over "The food
/// was very poor"), and quotes that are not near copies of each other.
@Suite("label polarity and quotes")
struct PolarityTests {
    @Test(arguments: [
        ("The food was very poor", Polarity.negative), ("food good", .positive), ("Food was cold and tasteless", .negative),
        ("not good", .negative), ("The staff weren't helpful", .negative), ("The staff werent helpful", .negative),
        ("Nothing to complain about", .positive), ("no problems at all", .positive), ("would not recommend", .negative),
        ("The nurse was kind, but the food was cold", .neutral), ("Parking", .neutral), ("Nobody explained what was happening", .negative),
        ("Kind, not rude", .positive), ("The nurses were brilliant and friendly", .positive),
    ])
    func knownAnswers(_ text: String, _ expected: Polarity) {
        #expect(Polarity.of(text) == expected, "\(text)")
    }

    @Test func labelPassesOverTermsThatContradictTheQuotes() {
        let terms = ["food", "good", "poor", "cold"], bigrams = ["food good", "cold food"]
        let complaints = ["The food was very poor", "Food was cold and tasteless"]
        #expect(ThemeFinder.label(terms: terms, bigrams: bigrams, quotes: complaints) == "cold food, poor")
        let praise = ["The food was good", "Lovely food"]
        #expect(ThemeFinder.label(terms: terms, bigrams: bigrams, quotes: praise) == "food good")
        // Mixed quotes: no evaluative word either way.
        #expect(ThemeFinder.label(terms: terms, bigrams: bigrams, quotes: complaints + praise) == "food")
        // Neutral quotes, or none: the top terms as before.
        #expect(ThemeFinder.label(terms: terms, bigrams: bigrams, quotes: ["The food"]) == "food good, poor, cold")
        #expect(ThemeFinder.label(terms: terms, bigrams: bigrams) == "food good, poor, cold")
    }

    /// Every theme of the example data: no label part reads the opposite way to any of its quotes,
    /// and no two quotes share most of their terms.
    @Test(arguments: ["Examples/patient-feedback/comments.csv", "Examples/polis-biodiversity/comments.csv"])
    func exampleLabelsAgreeWithTheirQuotes(_ file: String) throws {
        let table = try ResponseTable.read(Fixtures.repositoryRoot.appendingPathComponent(file).path)
        let result = try ThemeFinder(seed: 0).analyse(table.texts)
        let space = try #require(result.termSpace)
        let rows = space.matrix.csrRowOffsets, columns = space.matrix.csrColumnIndices
        var contradictions: [String] = []
        for theme in result.themes {
            let quotes = theme.representatives.map { table.texts[$0] }
            let present = Set(quotes.map(Polarity.of))
            for part in theme.label.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                let p = Polarity.of(part)
                if p != .neutral && present.contains(p.opposite) { contradictions.append("theme \(theme.id) \"\(theme.label)\": \(quotes)") }
            }
            let sets = theme.representatives.map { Set(columns[rows[$0]..<rows[$0 + 1]]) }
            for a in sets.indices { for b in sets.indices where b > a && !sets[a].isEmpty && !sets[b].isEmpty {
                let shared = Double(sets[a].intersection(sets[b]).count) / Double(sets[a].union(sets[b]).count)
                #expect(shared < ThemeFinder.nearCopy, "theme \(theme.id): quotes \(quotes[a]) and \(quotes[b]) are near copies")
            } }
        }
        #expect(contradictions.isEmpty, "\(contradictions)")
        #expect(result.themes.count >= 3)
    }

    /// The analyser on praise and complaint about one subject, before this check, labelled the theme
    /// with the praise ("food, good") over complaint quotes; now the label keeps to the subject.
    @Test func praiseAndComplaintAboutOneSubject() throws {
        let food = ["The food was very poor", "Food was cold and tasteless", "The food was good", "Poor food again", "Good food today"]
        let parking = ["Parking is far too expensive", "No parking spaces", "Parking costs too much"]
        let endings = ["", " on ward 3", " this week", " sadly"]
        var texts: [String] = []
        for i in 0..<40 { texts.append(food[i % 5] + endings[i / 5 % 4]) }
        for i in 0..<40 { texts.append(parking[i % 3] + endings[i / 3 % 4]) }
        let result = try ThemeFinder(k: 2, seed: 0).analyse(texts)
        let theme = try #require(result.themes.first { $0.terms.contains("food") })
        let quotes = theme.representatives.map { texts[$0] }
        let present = Set(quotes.map { Polarity.of($0) })
        let label = Polarity.of(theme.label)
        #expect(!present.contains(label.opposite) || label == .neutral, "\(theme.label) over \(quotes)")
        #expect(theme.label.contains("food"))
    }
}

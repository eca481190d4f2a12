import Analysis
import Foundation
import Testing

/// `--split-by`: themes found within each value of a column never mix two values.
@Suite("split themes")
struct SplitThemesTests {
    static let topics = ["the food", "the parking", "the nurses", "the waiting room"]
    static let praise = ["was very good", "was excellent and much appreciated", "was great"]
    static let complaints = ["was very poor", "was terrible and disappointing", "was awful"]

    static func data() -> (texts: [String], values: [String]) {
        var texts: [String] = [], values: [String] = []
        for i in 0..<160 {
            let good = i % 2 == 0
            texts.append("\(topics[i / 2 % 4]) \((good ? praise : complaints)[i / 8 % 3]) (\(i))")
            values.append(good ? "praise" : "complaint")
        }
        return (texts, values)
    }

    @Test func noThemeMixesTwoValuesAndLabelsNameTheirValue() throws {
        let (texts, values) = Self.data()
        let result = try SplitThemes.analyse(ThemeFinder(k: 4, seed: 0), texts: texts, values: values)
        #expect(result.themes.count >= 4)
        for theme in result.themes {
            let members = texts.indices.filter { result.assignments[$0] == theme.id }
            #expect(Set(members.map { values[$0] }).count == 1, "theme \(theme.id) \(theme.label) mixes values")
            #expect(theme.label.hasPrefix(values[members[0]] + ": "))
            #expect(theme.representatives.allSatisfy { values[$0] == values[members[0]] })
        }
        #expect(result.themes.enumerated().allSatisfy { $0.offset == $0.element.id })
        #expect(result.assignments.count == texts.count && result.x.count == texts.count)
        // Praise (first seen) is numbered first.
        #expect(result.themes.first?.label.hasPrefix("praise: ") == true)
    }

    @Test func aPartTooSmallForThemesGoesToOther() throws {
        var (texts, values) = Self.data()
        texts += ["one stray remark", "another"]
        values += ["unsure", "unsure"]
        let result = try SplitThemes.analyse(ThemeFinder(k: 4, seed: 0), texts: texts, values: values)
        #expect(result.assignments.suffix(2) == [-1, -1])
        #expect(!result.themes.contains { $0.label.hasPrefix("unsure") })
    }
}

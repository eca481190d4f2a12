@testable import Analysis
import NumericCore
import Foundation
import Testing
import TestSupport

/// Event text as analysts read it (issue #26): short "nothing" answers are a theme, masks are not
/// terms, ids are found, and theme numbers agree across outputs.
@Suite("event text")
struct EventTextTests {
    static let base = ["The food was cold and tasteless", "Parking is far too expensive at the hospital",
                       "Nurses were kind and caring throughout", "Waiting times in A&E were very long",
                       "The discharge letter arrived weeks late", "[name] on ward xxxx was rude to my mother"]
    static let short = ["Nothing", "No", "None.", "N/A", "Nothing to improve", "nothing, thanks", "No!", "NOTHING TO IMPROVE  "]
    static let suffixes = ["", " today", " again", " honestly", " sadly"]

    static var texts: [String] {
        (0..<120).map { i in i % 4 == 0 ? short[i / 4 % short.count] : base[i % base.count] + suffixes[i / 7 % suffixes.count] }
    }

    @Test func shortAnswersFormTheirOwnThemeAndNeverCountAsEmpty() throws {
        let texts = Self.texts
        let result = try ThemeFinder(k: 6, seed: 0).analyse(texts)
        let shortRows = texts.indices.filter { $0 % 4 == 0 }
        let theme = try #require(result.themes.last)
        #expect(theme.label.contains("nothing"))
        #expect(theme.size == shortRows.count && theme.terms.isEmpty)
        #expect(shortRows.allSatisfy { result.assignments[$0] == theme.id })
        #expect(result.empty.isEmpty)
        #expect(texts.indices.filter { $0 % 4 != 0 }.allSatisfy { result.assignments[$0] != theme.id })
        // Numbers stay dense: 0..<themes.count, each theme's id its position.
        #expect(result.themes.enumerated().allSatisfy { $0.offset == $0.element.id })
        #expect(Set(result.assignments.filter { $0 >= 0 }) == Set(result.themes.map(\.id)))
        // Its quotes are distinct wordings.
        let quotes = theme.representatives.map { ShortAnswers.normalise(texts[$0]) }
        #expect(Set(quotes).count == quotes.count && quotes.count >= 4)
    }

    @Test func theListIsConfigurableAndCanBeSwitchedOff() throws {
        var finder = ThemeFinder(k: 6, seed: 0)
        finder.shortAnswers = nil
        let result = try finder.analyse(Self.texts)
        #expect(!result.themes.contains { $0.label.contains("nothing") })
        #expect(result.empty.count > 0, "without the list, term-less answers are empty as before")
        finder.shortAnswers = ShortAnswers(phrases: ["no"], label: "no")
        let custom = try finder.analyse(Self.texts)
        let noes = Self.texts.filter { ["no", "no!"].contains($0.lowercased()) }.count
        #expect(noes > 0 && custom.themes.last?.label == "no" && custom.themes.last?.size == noes)
    }

    @Test("the ASCII fast path normalises exactly as the scalar path")
    func asciiNormalisation() {
        var rng = Xoshiro256PlusPlus(seed: 4)
        let pieces = ["Nothing", "no", "N/A", "thanks", "thank", "you", "Thank You", "it's", "don't", "  ", ".", "!", "?", "-", "--",
                      "ward_4", "100%", "a/b", "\t", "\n", "(ok)", "'", "\"", "Good", "FOOD", "x2", "#", ""]
        var cases = Self.texts + ["", " ", "thanks", "a thank you thanks", "thank you", "ok thank you", "no thanks thanks", "'' //"]
        for _ in 0..<2000 {
            cases.append((0..<rng.nextInt(below: 8)).map { _ in pieces[rng.nextInt(below: pieces.count)] }
                .joined(separator: rng.nextInt(below: 3) == 0 ? "" : " "))
        }
        for text in cases where text.utf8.allSatisfy({ $0 < 128 }) {
            #expect(ShortAnswers.asciiNormalised(text) == ShortAnswers.unicodeNormalised(text), "\(text.debugDescription)")
        }
        #expect(ShortAnswers.asciiNormalised("café") == nil)
    }

    @Test func shortAnswerMatching() {
        let s = ShortAnswers.standard
        for yes in ["Nothing", "  no. ", "N/A", "n/a", "None!", "Nothing to improve, thanks", "nothing to improve thank you", "Nothing – really"] {
            #expect(s.matches(yes) || yes == "Nothing – really", "\(yes)")
        }
        for no in ["Nothing wrong with the food", "No parking", "the nurses", "none of the staff listened"] {
            #expect(!s.matches(no), "\(no)")
        }
    }

    @Test func redactionMasksAndPlaceholdersAreNotTerms() {
        let t = Tokenizer()
        let terms = t.terms("[name] shouted xxxx to *** near <PERSON> and {redacted} on the ward XXX").map(\.term)
        #expect(!terms.contains { ["name", "xxxx", "xxx", "person", "redact", "redacted"].contains($0) }, "\(terms)")
        #expect(terms.contains("ward") && terms.contains("shout"))
        // Brackets around ordinary prose or code are kept.
        #expect(t.terms("the ward [which was cold, and noisy] at night").map(\.term).contains("cold"))
        #expect(t.terms("styling a <div> inside List<string> and <HTML>").map(\.word).contains("div"))
        #expect(t.terms("styling <HTML>").map(\.word).contains("html"))
        #expect(!t.terms("call [PHONE_NUMBER] or [NHS number] about [Staff Name]").map(\.word).contains { ["phone_number", "nhs", "staff"].contains($0) })
    }

    @Test func anIDColumnIsUsedWithoutBeingNamed() throws {
        let url = Fixtures.temporaryDirectory.appendingPathComponent("ids-\(UUID().uuidString).csv")
        try "ID,text\nr7,hello there\nr9,the parking\n".write(to: url, atomically: true, encoding: .utf8)
        let table = try ResponseTable.read(url.path)
        #expect(table.ids == ["r7", "r9"])
        let jsonl = Fixtures.temporaryDirectory.appendingPathComponent("ids-\(UUID().uuidString).jsonl")
        try "{\"response_id\": 4, \"answer\": \"hello\"}\n".write(to: jsonl, atomically: true, encoding: .utf8)
        #expect(try ResponseTable.read(jsonl.path).ids == ["4"])
    }

    @Test func longQuotesAreShortenedAtAWordWithAnEllipsis() {
        let essay = Array(repeating: "the discharge team never called back about my father's medication", count: 20).joined(separator: "  ")
        let quote = Quote.shortened(essay)
        #expect(quote.count <= Quote.limit && quote.hasSuffix("…") && !quote.contains("  "))
        #expect(essay.split(whereSeparator: \.isWhitespace).joined(separator: " ").hasPrefix(String(quote.dropLast())))
        #expect(Quote.shortened("Short and\nsweet") == "Short and sweet")
    }

    @Test func summaryCountsRepeatsByWordingAndSameTermsApart() throws {
        let texts = Self.texts
        let result = try ThemeFinder(k: 6, seed: 0).analyse(texts)
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("event-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let table = ResponseTable(texts: texts, ids: texts.indices.map(String.init))
        _ = try ThemeWriter.write(result, table: table, to: dir)
        let md = try String(contentsOf: dir.appendingPathComponent("summary.md"), encoding: .utf8)
        // "No" and "No!" are one wording; the commonest wording's count is exact.
        let counts = Dictionary(grouping: texts, by: ShortAnswers.normalise).mapValues(\.count)
        let top = try #require(counts.values.max())
        #expect(md.contains("the most repeated appears \(top) times"), "\(md)")
        #expect(md.contains("## Same terms, other wordings"))
        #expect(md.contains("## Theme 0:") && !md.contains("## Theme \(result.themes.count):"))
    }
}

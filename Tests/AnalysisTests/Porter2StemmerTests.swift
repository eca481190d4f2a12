import Analysis
import Foundation
import Testing

/// Porter2 against NLTK's Snowball English stemmer on 6 100 words (Fixtures/porter2_reference.tsv,
/// made by make_porter2_reference.py): every stem must match.
@Suite("Porter2 stemmer")
struct Porter2StemmerTests {
    @Test func matchesSnowballOnTheReferenceVocabulary() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/porter2_reference.tsv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count > 6000)
        let stemmer = Porter2Stemmer()
        var wrong: [String] = []
        for line in lines {
            let parts = line.split(separator: "\t").map(String.init)
            let got = stemmer.stem(parts[0])
            if got != parts[1] { wrong.append("\(parts[0]) → \(got), expected \(parts[1])") }
        }
        #expect(wrong.isEmpty, "\(wrong.count) stems differ: \(wrong.prefix(30).joined(separator: "; "))")
    }

    @Test func leavesShortAndNonAlphabeticWordsAlone() {
        let s = Porter2Stemmer()
        #expect(s.stem("is") == "is" && s.stem("a&e") == "a&e" && s.stem("co-production") == "co-production" && s.stem("3d") == "3d")
    }
}

import Analysis
import Foundation
import NumericCore
import Reports
import Testing

/// Analysis reports: theme bars, the response map, quotes and breakdowns, with hostile responses
/// shown as text; the votes page from an opinion-group folder.
@Suite("Analysis report")
struct AnalysisReportTests {
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("skein-areport-\(UUID().uuidString)")
    }

    @Test func themesPageEscapesResponsesAndShowsEverything() throws {
        let dir = Self.folder()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let topics = [["parking", "car", "spaces", "permit"], ["rota", "shifts", "weekend", "nights"]]
        var rng = Xoshiro256PlusPlus(seed: 3)
        var texts = (0..<40).map { i in topics[i % 2].shuffled(using: &rng).joined(separator: " ") }
        texts[0] = "<script>alert(1)</script> parking car spaces"
        texts[1] = "\"><img src=x onerror=alert(2)> rota shifts weekend"
        let table = ResponseTable(texts: texts, ids: texts.indices.map(String.init),
                                  groups: [("table", texts.indices.map { $0 % 4 == 0 ? "<b>T1</b>" : "T2" })], file: "postits.csv")
        let result = try ThemeFinder(k: 2, seed: 1).analyse(texts)
        try ThemeWriter.write(result, table: table, to: dir)
        let html = try AnalysisReport.html(directory: dir)
        #expect(html.contains("Themes by size") && html.contains("coloured by theme") && html.contains("By table"))
        #expect(html.components(separatedBy: "<circle").count - 1 == 40)
        #expect(!html.contains("<script>") && !html.contains("<img src=x") && !html.contains("<b>T1</b>"))
        #expect(html.contains("&lt;b&gt;T1&lt;/b&gt;"))
    }

    @Test func notAnAnalysisFolderIsAClearError() {
        #expect {
            _ = try AnalysisReport.html(directory: Self.folder())
        } throws: { error in "\(error)".contains("no themes.json or groups.csv") }
    }
}

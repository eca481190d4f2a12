import Analysis
import Foundation
import NumericCore
import Reports
import Testing
import TestSupport

/// Analysis reports: theme bars, the response map, quotes and breakdowns, with hostile responses
/// shown as text; the votes page from an opinion-group folder.
@Suite("Analysis report")
struct AnalysisReportTests {
    static func folder() -> URL {
        Fixtures.temporaryDirectory.appendingPathComponent("skein-areport-\(UUID().uuidString)")
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

/// Analysis and sweep pages rendered by headless Chromium, from the example pol.is conversation in Examples/.
@Suite("Analysis and sweep pages in a browser")
struct AnalysisPagesInBrowserTests {
    static let example = Fixtures.repositoryRoot.appendingPathComponent("Examples/polis-biodiversity")

    @Test func themesPageRenders() throws {
        let dir = AnalysisReportTests.folder()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = try ResponseTable.read(Self.example.appendingPathComponent("comments.csv").path)
        try ThemeWriter.write(try ThemeFinder(k: 6, seed: 0).analyse(table.texts), table: table, to: dir)
        guard let r = try HeadlessChromium.render(try AnalysisReport.html(directory: dir), height: 2400) else { return }
        HeadlessChromium.expectRendered(r, svgs: 2)
        #expect(r.dom.components(separatedBy: "<circle").count - 1 >= 300)  // every statement on the map
    }

    @Test func votesPageRenders() throws {
        let dir = AnalysisReportTests.folder()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let matrix = try VoteMatrix.read(Self.example.path)
        _ = try OpinionGroupsWriter.write(try OpinionGroups(seed: 0).analyse(matrix), matrix: matrix, to: dir)
        guard let r = try HeadlessChromium.render(try AnalysisReport.html(directory: dir), height: 2400) else { return }
        HeadlessChromium.expectRendered(r, svgs: 2)
        #expect(r.dom.contains("<circle"))
    }

    @Test func sweepPageRenders() throws {
        let points = (0..<5).map { t in
            SweepReport.Point(index: t, values: ["ties": "\(t)"], metrics: ["reach_share": (0..<20).map { Double(t) * 0.2 + 0.005 * Double($0) }])
        }
        guard let r = try HeadlessChromium.render(SweepReport.html(.init(name: "sprint", seed: "1", skein: "test", points: points))) else { return }
        HeadlessChromium.expectRendered(r, svgs: 1)
        #expect(r.dom.contains("<polygon") && r.dom.contains("class=\"best\""))
    }
}

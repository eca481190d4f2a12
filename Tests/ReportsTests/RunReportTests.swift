import Foundation
import Reports
import Scenarios
import Simulation
import Outputs
import Testing
import TestSupport

/// The run report: built from a real run folder, hostile labels shown as text, charts present,
/// deterministic bytes; and rendered by headless Chromium (skipped with a message when absent).
@Suite("Run report")
struct RunReportTests {
    /// A real run of an example scenario into a temporary folder.
    static func runFolder(_ scenario: String = "training-vs-connecting.yaml", replicates: Int = 8, overrides: [String] = []) throws -> URL {
        let file = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/\(scenario)").path
        let s = try ScenarioLoader.load(file, overrides: overrides + ["replicates=\(replicates)"])
        let prepared = try s.prepare()
        let result = try s.model.run(prepared.ensemble, on: prepared.population)
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-report-\(UUID().uuidString)")
        try RunWriter.prepareDirectory(dir, force: false)
        try RunWriter.write(result, prepared, to: dir, timings: .init(networkSeconds: 0, simulationSeconds: 0), threads: 1)
        return dir
    }

    /// A run with its comparison arms, as `skein run` writes it.
    static func comparisonFolder(_ scenario: String, replicates: Int = 12, overrides: [String] = []) throws -> URL {
        let file = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/\(scenario)").path
        let comparison = try PreparedComparison(try ScenarioLoader.load(file, overrides: overrides + ["replicates=\(replicates)"]).prepare())
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-report-\(UUID().uuidString)")
        try comparison.write(try comparison.run(), to: dir, force: false, timings: .init(networkSeconds: 0, simulationSeconds: 0), threads: 1)
        return dir
    }

    /// The colour a chart gives a series, read from its legend in the SVG.
    static func legendColours(_ svg: Substring) -> [String: String] {
        var colours: [String: String] = [:]
        let pattern = /<rect x="[^"]*" y="[^"]*" width="12" height="12" fill="(#[0-9A-F]{6})"\/><text [^>]*class="legend">([^<]*)<\/text>/
        for m in svg.matches(of: pattern) { colours[String(m.output.2)] = String(m.output.1) }
        return colours
    }

    @Test("the report leads with the question and the answer, then the arms side by side, then the curves")
    func leadsWithTheAnswer() throws {
        let dir = try Self.comparisonFolder("sprint.yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try RunReport.html(runDirectory: dir)
        let question = try #require(html.range(of: "What does a two-day collaborative sprint buy a trust?"))
        let answer = try #require(html.range(of: "<strong>Answer.</strong> With “two-day sprint”, the scenario raises reach at week 52"))
        let arms = try #require(html.range(of: "The arms side by side"))
        let curves = try #require(html.range(of: "Over time, as written"))
        #expect(question.lowerBound < answer.lowerBound && answer.lowerBound < arms.lowerBound && arms.lowerBound < curves.lowerBound)
        #expect(html.contains("sprint without mixed tables") && html.contains("the sprint in week 12") && html.contains("without interventions"))
        #expect(html.contains("Reach (share of people) by arm") && html.contains(">week</text>"))
        #expect(html.contains("Assumptions:") && html.contains("θ = 0.4"))
    }

    @Test("every intervention kind has its own marker, on every chart")
    func markersByKind() throws {
        let dir = try Self.comparisonFolder("training-vs-connecting.yaml", replicates: 6)
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try RunReport.html(runDirectory: dir)
        let charts = html.split(separator: "<svg").dropFirst().filter { $0.contains("class=\"chart\"") && $0.contains("<polyline") }
        #expect(charts.count >= 3)
        for chart in charts {
            #expect(chart.contains("marker marker-training") && chart.contains("marker marker-event"))
            #expect(chart.contains(">■</text>") && chart.contains(">▲</text>"))  // each kind's symbol and key
        }
    }

    @Test("the same category keeps its colour in every chart: a group's line and its people in the drawing")
    func coloursAgreeAcrossCharts() throws {
        let dir = try Self.runFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try RunReport.html(runDirectory: dir)
        let svgs = html.split(separator: "<svg").dropFirst()
        let chart = try #require(svgs.first { $0.contains("Practising, by organisation") })
        let drawing = try #require(svgs.first { $0.contains("The network, coloured by organisation") })
        let a = Self.legendColours(chart), b = Self.legendColours(drawing)
        #expect(a.count == 4 && !a.isEmpty)
        for (level, colour) in a { #expect(b[level] == colour, "\(level)") }
        #expect(Set(a.values).count == a.count)
        // Beyond the palette, categories still get distinct colours.
        let many = CategoryColours((0..<20).map { "group \($0)" })
        #expect(Set((0..<20).map { many.colour("group \($0)") }).count == 20)
        #expect(CategoryColours((0..<30).map { "g\($0)" }).colour("g29") == CategoryColours.other)
    }

    @Test("a network too large to draw person by person is drawn by group, with weighted ties between groups")
    func aggregatedDrawing() throws {
        let dir = try Self.runFolder("cancer-network.yaml", replicates: 3, overrides: ["network.parameters.team_size=70", "compare=none"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("network.csv").path))
        let drawing = try #require(try GroupNetworkDrawing.read(runDirectory: dir))
        #expect(drawing.attribute == "organisation" && drawing.groups.count == 34)
        #expect(drawing.groups.allSatisfy { $0.size == 210 } && !drawing.ties.isEmpty)
        let html = try RunReport.html(runDirectory: dir)
        #expect(html.contains("The network, by organisation") && html.contains("class=\"group-tie\""))
        guard let r = try HeadlessChromium.render(html, height: 4000) else { return }
        HeadlessChromium.expectRendered(r, svgs: 3)
        #expect(r.dom.contains("class=\"group\""))
    }

    @Test func aRunBecomesOneSelfContainedPage() throws {
        let dir = try Self.runFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try RunReport.html(runDirectory: dir)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("</html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 >= 2)       // adoption + by organisation
        #expect(html.contains("Practising, by organisation") && html.contains("QI training cohort"))
        #expect(html.contains("class=\"marker marker-training\"") && html.contains("class=\"marker marker-event\""))  // markers by kind
        // No scripts, nothing fetched (the SVG namespace is a name, not a fetch).
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href=") && !html.contains("@import"))
        #expect(try RunReport.html(runDirectory: dir) == html)                 // same bytes again
    }

    @Test func hostileLabelsAreText() throws {
        let dir = try Self.runFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Rename an organisation and an intervention to markup, as untrusted input might.
        let ts = dir.appendingPathComponent("timeseries.csv")
        let evil = "\"<script>alert(1)</script>\"\"><img src=x onerror=alert(2)>\""
        try (try String(contentsOf: ts, encoding: .utf8)).replacingOccurrences(of: ",Organisation 1,", with: ",\(evil),")
            .write(to: ts, atomically: true, encoding: .utf8)
        let js = dir.appendingPathComponent("summary.json")
        try (try String(contentsOf: js, encoding: .utf8)).replacingOccurrences(of: "QI training cohort", with: "<b onmouseover=alert(3)>")
            .write(to: js, atomically: true, encoding: .utf8)
        let html = try RunReport.html(runDirectory: dir)
        #expect(!html.contains("<script>alert") && !html.contains("<img src=x") && !html.contains("<b onmouseover"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && html.contains("&lt;b onmouseover=alert(3)&gt;"))
    }

    @Test func notARunFolderIsAClearError() {
        #expect {
            _ = try RunReport.html(runDirectory: Fixtures.temporaryDirectory.appendingPathComponent("no-such-run"))
        } throws: { error in "\(error)".contains("no timeseries.csv") }
    }

    /// Headless Chromium renders the page: a PNG that is not blank, the charts and the network drawings in the DOM, no errors.
    @Test func rendersInHeadlessChromium() throws {
        let dir = try Self.runFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let r = try HeadlessChromium.render(try RunReport.html(runDirectory: dir), height: 3000) else { return }
        HeadlessChromium.expectRendered(r, svgs: 4)
        #expect(r.dom.contains("<polyline") && r.dom.contains("class=\"ties\""))
        // With arms: the answer, the arms' chart and its markers survive rendering.
        let arms = try Self.comparisonFolder("qsir-training.yaml", replicates: 6)
        defer { try? FileManager.default.removeItem(at: arms) }
        guard let a = try HeadlessChromium.render(try RunReport.html(runDirectory: arms), height: 4000) else { return }
        HeadlessChromium.expectRendered(a, svgs: 5)
        #expect(a.dom.contains("class=\"answer\"") && a.dom.contains("marker marker-training") && a.dom.contains("marker marker-event"))
    }
}

import Foundation
import Reports
import Scenarios
import Simulation
import Testing
import TestSupport

/// The run report: built from a real run folder, hostile labels shown as text, charts present,
/// deterministic bytes; and rendered by headless Chromium (skipped with a message when absent).
@Suite("Run report")
struct RunReportTests {
    /// A real run of an example scenario into a temporary folder.
    static func runFolder(_ scenario: String = "training-vs-connecting.yaml", replicates: Int = 8) throws -> URL {
        let file = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/\(scenario)").path
        let s = try ScenarioLoader.load(file, overrides: ["replicates=\(replicates)"])
        let prepared = try s.prepare()
        let result = try s.model.run(prepared.ensemble, on: prepared.population)
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-report-\(UUID().uuidString)")
        try RunWriter.prepareDirectory(dir, force: false)
        try RunWriter.write(result, prepared, to: dir, timings: .init(networkSeconds: 0, simulationSeconds: 0), threads: 1)
        return dir
    }

    @Test func aRunBecomesOneSelfContainedPage() throws {
        let dir = try Self.runFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try RunReport.html(runDirectory: dir)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("</html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 >= 2)       // adoption + by organisation
        #expect(html.contains("Practising, by organisation") && html.contains("QI training cohort"))
        #expect(html.contains("class=\"marker\""))                           // intervention markers
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
    }
}

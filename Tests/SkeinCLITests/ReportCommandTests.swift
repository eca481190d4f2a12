import Foundation
import Testing
import TestSupport

/// `skein report` on a sweep database, `sweep --report`, and `skein export notebook`, as a user runs them.
@Suite("skein report and export")
struct ReportCommandTests {
    static let sprint = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/sprint.yaml").path

    static func temporary() throws -> URL {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-report-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func aSweepGetsItsComparisonView() throws {
        let dir = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("sprint.sqlite")
        let sweep = try CommandRunner.skein(["sweep", Self.sprint, "--db", db.path, "--set", "sweep.replicates=4", "--report"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("sprint.html"), encoding: .utf8)
        #expect(html.contains("sprint: sweep of 5 points") && html.contains("interventions[two-day sprint].ties_per_participant") && html.contains("<polygon"))
        let again = try CommandRunner.skein(["report", db.path, "-o", dir.appendingPathComponent("again.html").path])
        let againHTML = try String(contentsOf: dir.appendingPathComponent("again.html"), encoding: .utf8)
        #expect(again.status == 0 && againHTML == html)
        // Neither a folder nor a sweep database: a clear error naming the file.
        let text = dir.appendingPathComponent("notes.txt")
        try Data("hello".utf8).write(to: text)
        let bad = try CommandRunner.skein(["report", text.path])
        #expect(bad.status == 1 && bad.stderr.contains("notes.txt") && bad.stderr.contains("sweep database"))
    }

    @Test func exportNotebookWritesAValidNotebookOrNamesTheProblem() throws {
        let dir = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = dir.appendingPathComponent("run")
        #expect(try CommandRunner.skein(["run", Self.sprint, "--out", run.path, "--replicates", "4"]).status == 0)
        let notebook = dir.appendingPathComponent("notebooks/sprint.ipynb")
        let export = try CommandRunner.skein(["export", "notebook", run.path, "-o", notebook.path])
        #expect(export.status == 0, "\(export.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: notebook)) as? [String: Any]
        #expect(object?["nbformat"] as? Int == 4 && ((object?["cells"] as? [Any])?.count ?? 0) >= 6)
        let text = try String(contentsOf: notebook, encoding: .utf8)
        #expect(text.contains("RUN = Path(\\\"../run\\\")") && text.contains("--replicates\\\", \\\"4\\\""))
        let missing = try CommandRunner.skein(["export", "notebook", dir.appendingPathComponent("nothing").path, "-o", notebook.path])
        #expect(missing.status == 1 && missing.stderr.contains("nothing"))
    }
}

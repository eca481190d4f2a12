import Analysis
import Foundation
import NumericCore
import Reports
import Scenarios
import Outputs
import Testing
import TestSupport

/// Notebook export: valid nbformat 4.5 structure, the rerun command written relative to the
/// notebook, plots for the run's breakdowns, and untrusted text that cannot break out of its
/// Python string or Markdown. (scripts/notebooks.sh executes the example notebooks with Jupyter.)
@Suite("Notebook export")
struct NotebookExportTests {
    static func cells(_ notebook: Notebook) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: try notebook.json()) as! [String: Any]
        #expect(object["nbformat"] as? Int == 4 && object["nbformat_minor"] as? Int == 5)
        #expect(((object["metadata"] as? [String: Any])?["kernelspec"] as? [String: Any])?["name"] as? String == "python3")
        let cells = object["cells"] as! [[String: Any]]
        #expect(Set(cells.compactMap { $0["id"] as? String }).count == cells.count)
        for cell in cells where cell["cell_type"] as? String == "code" {
            #expect(cell["execution_count"] is NSNull && (cell["outputs"] as? [Any])?.isEmpty == true)
        }
        return cells
    }

    static func source(_ cell: [String: Any]) -> String { (cell["source"] as? [String] ?? []).joined() }

    @Test("the rerun cell keeps every --set override and the seed: running its command remakes the same result")
    func rerunKeepsOverridesAndSeed() throws {
        let overrides = ["model.threshold=0.3", "interventions[QI training cohort].at=3", "seed=77"]
        let dir = try RunReportTests.runFolder(replicates: 6, overrides: overrides)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.deletingLastPathComponent().appendingPathComponent("nb-\(UUID().uuidString)/run.ipynb")
        let setup = try Self.cells(try NotebookExport.notebook(directory: dir, notebookPath: target)).map(Self.source).joined()
        #expect(setup.contains("\"--set\", \"model.threshold=0.3\"") && setup.contains("\"--set\", \"interventions[QI training cohort].at=3\""))
        #expect(setup.contains("\"--seed\", \"77\""))
        // Rerun exactly as the cell does (its arguments), and compare what the run wrote.
        let manifest = try #require(try RunFolder.read(dir).manifest)
        let args = manifest.rerunArguments(file: manifest.scenarioFile)
        var sets: [String] = []
        var i = 2
        while i < args.count {
            switch args[i] {
            case "--set": sets.append(args[i + 1])
            case "--seed": sets.append("seed=\(args[i + 1])")
            case "--replicates": sets.append("replicates=\(args[i + 1])")
            default: Issue.record("unexpected argument \(args[i])")
            }
            i += 2
        }
        let again = try ScenarioLoader.load(args[1], overrides: sets).prepare()
        let copy = Fixtures.temporaryDirectory.appendingPathComponent("skein-rerun-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try again.write(try again.run(), to: copy, force: false, timings: .init(networkSeconds: 0, simulationSeconds: 0), threads: 1)
        for file in ["replicates.csv", "timeseries.csv"] {
            #expect(try Data(contentsOf: copy.appendingPathComponent(file)) == Data(contentsOf: dir.appendingPathComponent(file)), "\(file)")
        }
        // Without the overrides the same file and seed give a different result: the test can fail.
        let plain = try ScenarioLoader.load(args[1], overrides: ["seed=77", "replicates=6"]).prepare()
        #expect(try plain.run().summaries != (try again.run().summaries))
    }

    @Test func aRunNotebookLoadsTheCSVsAndCanRerunTheScenario() throws {
        let dir = try RunReportTests.runFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.deletingLastPathComponent().appendingPathComponent("nb-\(UUID().uuidString)/run.ipynb")
        let notebook = try NotebookExport.notebook(directory: dir, notebookPath: target)
        let cells = try Self.cells(notebook)
        let all = cells.map(Self.source).joined(separator: "\n")
        #expect(all.contains("pd.read_csv(RUN / \"timeseries.csv\")") && all.contains("fill_between") && all.contains("axvline"))
        #expect(all.contains("By group") && all.contains("Outcomes across replicates"))
        // The folder and the scenario, relative to the notebook's folder (a sibling of the run here).
        #expect(all.contains("RUN = Path(\"../\(dir.lastPathComponent)\")"))
        #expect(all.contains("\"run\", \"") && all.contains("Scenarios/training-vs-connecting.yaml\", \"--seed\""))
        // The scenario's own opening comments explain it.
        #expect(Self.source(cells[0]).contains("Question:"))
        #expect(try notebook.json() == NotebookExport.notebook(directory: dir, notebookPath: target).json())
    }

    @Test func untrustedTextStaysInsideItsStrings() throws {
        let hostile = "x\", __import__('os').system('echo pwned'), \"\\\n<script>alert(1)</script>"
        let literal = Notebook.pythonString(hostile)
        #expect(!literal.contains("\n") && literal.hasPrefix("\"") && literal.hasSuffix("\""))
        // Python reads the literal back as exactly the text (skipped where python3 is absent).
        if let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            let result = try CommandRunner.run(URL(fileURLWithPath: python), ["-c", "import ast, sys; sys.stdout.write(ast.literal_eval(sys.argv[1]))", literal])
            #expect(result.stdout == hostile)
        }
        // In an analysis notebook the response file's name is Markdown-escaped.
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // The responses file sits beside the result folder, so the notebook reaches it as "../…".
        let input = dir.deletingLastPathComponent().appendingPathComponent("<img src=x onerror=alert(1)>.csv").path
        var rng = Xoshiro256PlusPlus(seed: 2)
        let texts = (0..<30).map { i in (i % 2 == 0 ? ["parking", "car", "spaces"] : ["rota", "shifts", "nights"]).shuffled(using: &rng).joined(separator: " ") }
        let table = ResponseTable(texts: texts, ids: texts.indices.map(String.init), groups: [("table", texts.indices.map { "T\($0 % 3)" })],
                                  file: input)
        try ThemeWriter.write(try ThemeFinder(k: 2, seed: 1).analyse(texts), table: table, to: dir,
                              command: ["analyse", input, "--k", "2"])
        let cells = try Self.cells(try NotebookExport.notebook(directory: dir, notebookPath: dir.appendingPathComponent("themes.ipynb")))
        let intro = Self.source(cells[0])
        #expect(intro.contains("\\<img") && !intro.replacingOccurrences(of: "\\<", with: "").contains("<"))
        let all = cells.map(Self.source).joined(separator: "\n")
        #expect(all.contains("pd.crosstab(assignments[column]") && all.contains("[\"table\"]"))
        #expect(all.contains("\"analyse\", \"../<img src=x onerror=alert(1)>.csv\", \"--k\", \"2\""))
    }

    @Test func notAResultFolderIsAClearError() {
        #expect {
            _ = try NotebookExport.notebook(directory: URL(fileURLWithPath: "/tmp/no-such-folder"), notebookPath: URL(fileURLWithPath: "/tmp/x.ipynb"))
        } throws: { "\($0)".contains("/tmp/no-such-folder") && "\($0)".contains("skein run, analyse or analyse-votes") }
    }
}

import Foundation
import Testing
import TestSupport

/// `skein analyse` as scripts use it: assignments.csv with row and theme, one row per response in
/// input order; themes.csv, themes.json, summary.md; hostile text stays text; clear errors.
@Suite("skein analyse")
struct AnalyseCommandTests {
    /// `skein export corpus`: the originals first, then perturbed copies, labels alongside; the
    /// same seed gives the same file; --timings names the stages.
    @Test func exportsTheReplicatedCorpusAndTimesTheStages() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let texts = ["more staff on the night shift please", "parking permits cost too much", "training days clash with rotas"]
        try (texts.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("r.txt"), atomically: true, encoding: .utf8)
        try "0\n1\n2\n".write(to: dir.appendingPathComponent("l.txt"), atomically: true, encoding: .utf8)
        func export(_ name: String) throws -> [String] {
            let r = try CommandRunner.skein(["export", "corpus", dir.appendingPathComponent("r.txt").path, "--responses", "30",
                                             "--labels", dir.appendingPathComponent("l.txt").path,
                                             "--labels-out", dir.appendingPathComponent("\(name)-labels.txt").path,
                                             "-o", dir.appendingPathComponent("\(name).txt").path])
            #expect(r.status == 0, "\(r.stderr)")
            return try String(contentsOf: dir.appendingPathComponent("\(name).txt"), encoding: .utf8).split(separator: "\n").map(String.init)
        }
        let first = try export("a"), second = try export("b")
        #expect(first.count == 30 && Array(first.prefix(3)) == texts && first == second)
        #expect(first.dropFirst(3).contains { !texts.contains($0) })
        let labels = try String(contentsOf: dir.appendingPathComponent("a-labels.txt"), encoding: .utf8).split(separator: "\n")
        #expect(labels.count == 30 && labels[4] == "1")
        let run = try CommandRunner.skein(["analyse", dir.appendingPathComponent("a.txt").path, "--out", dir.appendingPathComponent("out").path,
                                           "--k", "3", "--timings", "--embed", "tfidf"])
        #expect(run.status == 0 && run.stderr.contains("stages: read") && run.stderr.contains("svd") && run.stderr.contains("write"))
        let bad = try CommandRunner.skein(["export", "corpus", dir.appendingPathComponent("missing.txt").path, "--responses", "5", "-o", "x.txt"])
        #expect(bad.status != 0 && bad.stderr.contains("missing.txt"))
    }

    @Test func writesThemesAndAssignmentsInInputOrder() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-analyse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let topics = [["parking", "car", "spaces", "permit"], ["rota", "shifts", "weekend", "nights"], ["training", "course", "learning", "skills"]]
        var csv = "id,table,comment\n"
        for i in 0..<60 {
            let t = topics[i % 3]
            csv += "r\(i),T\(i % 4),\"\(t[i % 4]) \(t[(i + 1) % 4]) \(t[(i + 2) % 4]), staff\"\n"
        }
        csv += "x1,T1,\"=HYPERLINK(\"\"http://x\"\") <script>alert(1)</script> parking car\"\n"
        csv += "x2,T2,\n"
        let file = dir.appendingPathComponent("postits.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try CommandRunner.skein(["analyse", file.path, "--out", out.path, "--k", "3", "--seed", "1", "--by", "table", "--id-column", "id", "--report", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(summary?["responses"] as? Int == 62 && summary?["empty"] as? Int == 1 && summary?["themes_found"] as? Int == 3)
        let rows = try String(contentsOf: out.appendingPathComponent("assignments.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "row,id,theme,similarity,status,x,y,table")
        #expect(rows.count == 63)
        for (i, row) in rows.dropFirst().enumerated() { #expect(row.hasPrefix("\(i),")) }
        #expect(rows.last!.hasPrefix("61,x2,-1,") && rows.last!.contains("empty"))
        let themes = try String(contentsOf: out.appendingPathComponent("themes.csv"), encoding: .utf8)
        #expect(themes.hasPrefix("theme,size,share,label"))
        // A formula from an event stays text in the spreadsheet output.
        #expect(!themes.contains(",=HYPERLINK") && !themes.contains("\n=HYPERLINK"))
        let md = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(!md.contains("<script>"))
        let page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains("Themes by size") && !page.contains("<script>"))
        // The same bytes again at another thread count.
        let again = dir.appendingPathComponent("again")
        #expect(try CommandRunner.skein(["analyse", file.path, "--out", again.path, "--k", "3", "--seed", "1", "--by", "table", "--id-column", "id", "--threads", "1"]).status == 0)
        #expect(try Data(contentsOf: out.appendingPathComponent("assignments.csv")) == Data(contentsOf: again.appendingPathComponent("assignments.csv")))
    }

    @Test func aMissingColumnIsNamed() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-analyse-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("r.csv")
        try "who,what\na,b\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CommandRunner.skein(["analyse", file.path, "--out", dir.appendingPathComponent("o").path])
        #expect(result.status != 0 && result.stderr.contains("r.csv") && result.stderr.contains("--text-column"))
    }
}

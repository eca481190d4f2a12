import Foundation
import Tables
import Testing
import TestSupport

/// `skein analyse --edits` as an analyst meets it: the edits applied and recorded (summary.md,
/// themes.json), themes-history.csv beside assignments.csv, themes.xlsx read back by openpyxl, a
/// mistake in the edits file said at its line before anything runs, and the same files twice give
/// the same bytes.
@Suite("skein analyse --edits")
struct AnalyseEditsCommandTests {
    static func corpus(_ dir: URL) throws -> URL {
        let topics = [["parking", "car park", "spaces", "permits"], ["nurses", "night shifts", "agency staff", "rota gaps"],
                      ["canteen", "hot food", "drinks", "menu"]]
        var csv = "id,table,comment\n"
        for i in 0..<90 {
            let t = topics[i % 3]
            csv += "r\(i),T\(i % 4),\"\(t[i % 4]) and \(t[(i + 1) % 4]) need attention\"\n"
        }
        let file = dir.appendingPathComponent("comments.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A CSV file's rows (header first), quoted fields read as CSV reads them.
    static func rows(_ url: URL) throws -> [[String]] {
        var rows: [[String]] = []
        try DelimitedReader(contentsOf: url).forEachRecord { record in rows.append(try (0..<record.count).map { try record.string($0) }) }
        return rows
    }

    @Test func editsAreAppliedRecordedAndExported() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-edits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.corpus(dir)
        let base = ["analyse", file.path, "--k", "3", "--embed", "tfidf", "--by", "table", "--seed", "1"]
        let plain = try CommandRunner.skein(base + ["--out", dir.appendingPathComponent("fitted").path])
        #expect(plain.status == 0, "\(plain.stderr)")
        // Themes by their words, from the fitted analysis: the analyst edits what they saw.
        let fitted = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("fitted/themes.json"))) as? [String: Any]
        let themes = try #require(fitted?["themes"] as? [[String: Any]])
        func id(_ word: String) -> Int { themes.first { ($0["terms"] as? [String])?.contains { $0.hasPrefix(word) } == true }!["id"] as! Int }
        let parking = id("park"), food = id("canteen")
        let edits = dir.appendingPathComponent("edits.yaml")
        try """
            edits:
              - rename: \(parking)
                to: Parking
                note: the estates team's word
              - not_a_theme: \(food)
              - move: [1]
                to: \(parking)
            """.write(to: edits, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("edited")
        let run = try CommandRunner.skein(base + ["--out", out.path, "--edits", edits.path, "--by-user", "alice"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("edits: 3 of 3 applied"))
        let summary = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("## Edits") && summary.contains("1. rename (by alice at ") && summary.contains("Why: the estates team's word"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("themes.json"))) as? [String: Any]
        let records = try #require(json?["edits"] as? [[String: Any]])
        #expect(records.count == 3 && records.allSatisfy { $0["applied"] as? Bool == true && $0["by"] as? String == "alice" })
        // History: the fitted theme beside the current one; food's responses are other and marked "not a theme".
        let history = try Self.rows(out.appendingPathComponent("themes-history.csv"))
        #expect(history[0] == ["row", "id", "original_theme", "original_label", "theme", "label", "edits"])
        let assignments = try Self.rows(out.appendingPathComponent("assignments.csv"))
        let fittedAssignments = try Self.rows(dir.appendingPathComponent("fitted/assignments.csv"))
        for i in 1..<history.count {
            #expect(history[i][2] == fittedAssignments[i][2] && history[i][4] == assignments[i][2])
        }
        let foodRows = (1..<fittedAssignments.count).filter { Int(fittedAssignments[$0][2]) == food }
        #expect(!foodRows.isEmpty && foodRows.filter { $0 != 2 }.allSatisfy { assignments[$0][2] == "-1" && assignments[$0][4] == "not a theme" })
        #expect(history[2][4] == String(parking) && history[2][6].hasSuffix("3"))
        // The same inputs give the same bytes.
        let again = try CommandRunner.skein(base + ["--out", dir.appendingPathComponent("again").path, "--edits", edits.path, "--by-user", "alice"])
        #expect(again.status == 0)
        for name in ["assignments.csv", "themes.csv", "themes-history.csv", "summary.md", "themes.xlsx"] {
            #expect(try Data(contentsOf: out.appendingPathComponent(name)) == Data(contentsOf: dir.appendingPathComponent("again/\(name)")), "\(name)")
        }
        // The workbook, read by an independent reader.
        guard let text = try InteropPython.run(["read-xlsx", out.appendingPathComponent("themes.xlsx").path]) else { return }
        let book = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [[Any]]])
        #expect(Set(book.keys) == ["themes", "assignments", "breakdowns", "history", "edits"])
        #expect(book["assignments"]?.count == 91 && book["history"]?.count == 91 && book["edits"]?.count == 4)
        #expect((book["assignments"]?[0] as? [String])?.prefix(6) == ["row", "id", "theme", "label", "similarity", "text"])
        #expect(book["assignments"]?[1][5] as? String == "parking and car park need attention")
        #expect(book["themes"]?.dropFirst().contains { $0[3] as? String == "Parking" } == true)
        #expect(book["edits"]?[1][8] as? String == records[0]["outcome"] as? String)
    }

    @Test func aMistakeInTheEditsFileIsSaidAtItsLine() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-edits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.corpus(dir)
        let edits = dir.appendingPathComponent("edits.yaml")
        try "edits:\n  - rename: 1\n    label: Parking\n".write(to: edits, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let run = try CommandRunner.skein(["analyse", file.path, "--out", out.path, "--embed", "tfidf", "--edits", edits.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("edits.yaml:3:5: unknown key \"label\" in edits[0]") && run.stderr.contains("edits[0] needs \"to\""))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let lonely = try CommandRunner.skein(["analyse", file.path, "--out", out.path, "--by-user", "alice"])
        #expect(lonely.status != 0 && lonely.stderr.contains("--by-user names who made the --edits"))
    }
}

import Foundation
import Tables
import Testing
import TestSupport

/// `skein analyse --watch` at a simulated event: rows appended to the file in waves while it runs.
/// Without refits it ends where a batch analysis of the first rows plus `skein assign` of the rest
/// ends; with refits theme ids hold, edits are applied again, and at every look the folder's files
/// are whole.
@Suite("skein analyse --watch")
struct AnalyseWatchCommandTests {
    static let topics = [["parking", "car park", "spaces", "permits"], ["nurses", "night shifts", "agency staff", "rota gaps"],
                         ["canteen", "hot food", "drinks", "menu"], ["waiting times", "outpatient clinics", "long waits", "A&E queues"]]

    /// Rows `range` of the event, as CSV lines.
    static func rows(_ range: Range<Int>) -> String {
        range.map { i in
            let t = topics[(i * 7) % 4]
            return "r\(i),T\(i % 5),\"\(t[i % 4]) and \(t[(i / 4 + 1) % 4]) need attention\"\n"
        }.joined()
    }

    static func table(_ url: URL) throws -> [[String]] {
        var rows: [[String]] = []
        try DelimitedReader(contentsOf: url).forEachRecord { record in rows.append(try (0..<record.count).map { try record.string($0) }) }
        return rows
    }

    static func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Starts the watch; its output goes to a file.
    static func start(_ arguments: [String], log: URL) throws -> Process {
        let process = Process()
        process.executableURL = Fixtures.productsDirectory.appendingPathComponent("skein")
        process.arguments = arguments
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Waits until the folder's themes.json counts `rows` responses, checking at every look that
    /// the files a reader opens are whole (themes.json parses, report.html is complete).
    static func waitFor(_ rows: Int, in out: URL, timeout: Double = 60) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let data = FileManager.default.contents(atPath: out.appendingPathComponent("themes.json").path) {
                let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "themes.json read whole")
                let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
                #expect(report.hasSuffix("</html>\n") || report.hasSuffix("</html>"), "report.html read whole")
                if object["responses"] as? Int == rows { return true }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    @Test func withoutRefitsTheWatchEndsWhereABatchAnalysisAndAssignEnd() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("event.csv"), out = dir.appendingPathComponent("live")
        try ("id,table,comment\n" + Self.rows(0..<80)).write(to: file, atomically: true, encoding: .utf8)
        let settings = ["--k", "4", "--embed", "tfidf", "--by", "table", "--seed", "2"]
        let watch = try Self.start(["analyse", file.path, "--out", out.path, "--watch", "--refit-after", "0", "--interval", "0.05"] + settings,
                                   log: dir.appendingPathComponent("watch.log"))
        defer { if watch.isRunning { watch.terminate() } }
        #expect(try Self.waitFor(80, in: out))
        // Waves, one with personal data, one with a half-written row that is finished a moment later.
        try Self.append(Self.rows(80..<109) + "r109,T4,\"parking again: ring Sister Jones on 07700 900123 or j.jones@example.nhs.uk\"\n", to: file)
        #expect(try Self.waitFor(110, in: out))
        let next = Self.rows(110..<140)
        let cut = next.index(next.startIndex, offsetBy: next.count / 2)
        try Self.append(String(next[..<cut]), to: file)
        Thread.sleep(forTimeInterval: 0.3)
        try Self.append(String(next[cut...]), to: file)
        #expect(try Self.waitFor(140, in: out))
        watch.terminate()
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0)
        let log = try String(contentsOf: dir.appendingPathComponent("watch.log"), encoding: .utf8)
        #expect(log.contains("fitted on 80 rows") && log.contains("new rows placed") && log.contains("stopped watching"))

        // The batch way: analyse the first 80 rows, assign the other 60.
        let first = dir.appendingPathComponent("first.csv"), rest = dir.appendingPathComponent("rest.csv")
        try ("id,table,comment\n" + Self.rows(0..<80)).write(to: first, atomically: true, encoding: .utf8)
        try ("id,table,comment\n" + Self.rows(80..<140)).write(to: rest, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.skein(["analyse", first.path, "--out", dir.appendingPathComponent("batch").path] + settings).status == 0)
        #expect(try CommandRunner.skein(["assign", dir.appendingPathComponent("batch").path, rest.path, "--out", dir.appendingPathComponent("assigned").path,
                                         "--by", "table"]).status == 0)
        let live = try Self.table(out.appendingPathComponent("assignments.csv"))
        let batch = try Self.table(dir.appendingPathComponent("batch/assignments.csv"))
        let assigned = try Self.table(dir.appendingPathComponent("assigned/assignments.csv"))
        #expect(live.count == 141)
        for i in 1...80 { #expect(live[i][1...4] == batch[i][1...4], "row \(i - 1)") }
        // The batch way gets the same rows (the personal data as well: skein assign redacts it the same way).
        try ("id,table,comment\n" + Self.rows(80..<109) + "r109,T4,\"parking again: ring Sister Jones on 07700 900123 or j.jones@example.nhs.uk\"\n"
             + Self.rows(110..<140)).write(to: rest, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.skein(["assign", dir.appendingPathComponent("batch").path, rest.path, "--out", dir.appendingPathComponent("assigned2").path,
                                         "--by", "table"]).status == 0)
        let assigned2 = try Self.table(dir.appendingPathComponent("assigned2/assignments.csv"))
        for i in 1...60 { #expect(live[80 + i][1...4] == assigned2[i][1...4], "row \(79 + i)") }
        _ = assigned
        // No output shows the personal data.
        for name in ["assignments.csv", "themes.json", "themes-history.csv", "summary.md", "report.html", "themes.csv"] {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("900123") && !text.contains("j.jones@") && !text.contains("Sister Jones"), "\(name)")
        }
        // The workbook, read by an independent reader.
        if let book = try InteropPython.run(["read-xlsx", out.appendingPathComponent("themes.xlsx").path]) {
            let sheets = try #require(try JSONSerialization.jsonObject(with: Data(book.utf8)) as? [String: [[Any]]])
            #expect(sheets["assignments"]?.count == 141 && sheets["history"]?.count == 141)
            #expect((sheets["assignments"]?[110][5] as? String)?.contains("[phone]") == true, "\(String(describing: sheets["assignments"]?[110]))")
        }
    }

    @Test func refitsKeepThemeIdsAndEditsAreAppliedAgain() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("event.csv"), out = dir.appendingPathComponent("live")
        try ("id,table,comment\n" + Self.rows(0..<120)).write(to: file, atomically: true, encoding: .utf8)
        let edits = dir.appendingPathComponent("edits.yaml")
        try "edits:\n  - rename: 0\n    to: The first theme\n  - split: 1\n    term: night\n".write(to: edits, atomically: true, encoding: .utf8)
        let watch = try Self.start(["analyse", file.path, "--out", out.path, "--watch", "--refit-after", "40", "--interval", "0.05", "--k", "4",
                                    "--embed", "tfidf", "--seed", "2", "--edits", edits.path, "--by-user", "alice"],
                                   log: dir.appendingPathComponent("watch.log"))
        defer { if watch.isRunning { watch.terminate() } }
        #expect(try Self.waitFor(120, in: out))
        let before = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("themes.json"))) as? [String: Any]
        let created = ((before?["edits"] as? [[String: Any]])?[1]["created"] as? [Int]) ?? []
        try Self.append(Self.rows(120..<170), to: file)
        #expect(try Self.waitFor(170, in: out))
        watch.terminate()
        watch.waitUntilExit()
        let refits = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("refits.json"))) as? [[String: Any]]
        #expect(refits?.count == 1)
        // The same four topics: every theme of the fit continues under its id.
        let kept = (refits?.first?["kept"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
        #expect(kept.count >= 4, "\(String(describing: refits))")
        let after = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("themes.json"))) as? [String: Any]
        let records = after?["edits"] as? [[String: Any]] ?? []
        #expect(records.count == 2 && records.allSatisfy { $0["applied"] as? Bool == true })
        // The term split's theme keeps its id across the refit, and the rename holds.
        #expect(!created.isEmpty && records[1]["created"] as? [Int] == created)
        let themes = after?["themes"] as? [[String: Any]] ?? []
        #expect(themes.contains { $0["id"] as? Int == 0 && $0["label"] as? String == "The first theme" })
        let summary = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("## Live") && summary.contains("1 refit"))
    }
}

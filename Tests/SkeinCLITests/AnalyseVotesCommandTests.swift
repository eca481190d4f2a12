import Foundation
import Testing
import TestSupport

/// `skein analyse-votes` as scripts use it: groups.csv with participant and group, one row per
/// participant; JSON on request; clear errors.
@Suite("skein analyse-votes")
struct AnalyseVotesCommandTests {
    @Test func writesGroupsForAPolisConversation() throws {
        guard let shared = Fixtures.sharedData else {
            print("skipped: ../shared/data is absent (pol.is export)")
            return
        }
        let folder = shared.appendingPathComponent("polis/scoop-hivemind.biodiversity")
        guard FileManager.default.fileExists(atPath: folder.path) else {
            print("skipped: \(folder.path) is absent")
            return
        }
        let out = Fixtures.temporaryDirectory.appendingPathComponent("skein-votes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CommandRunner.skein(["analyse-votes", folder.path, "--out", out.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((summary?["adjusted_rand_index_vs_polis"] as? Double ?? 0) >= 0.75)
        let rows = try String(contentsOf: out.appendingPathComponent("groups.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.first?.hasPrefix("participant,group") == true)
        #expect(rows.count - 1 == 536)
        for name in ["statements.csv", "summary.json", "summary.md"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path))
        }
    }

    @Test func badInputIsAnErrorNamingTheFile() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-votes-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("votes.csv")
        try "comment-id,voter-id,vote\n1,2,agree\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CommandRunner.skein(["analyse-votes", file.path, "--out", dir.appendingPathComponent("out").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("votes.csv:2:3") && result.stderr.contains("-1, 0 or 1"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/groups.csv").path))
    }
}

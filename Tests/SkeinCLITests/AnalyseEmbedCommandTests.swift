import Encoders
import Foundation
import Testing
import TestSupport

/// `skein analyse --embed`: the choice, the cache, and the errors a user meets.
@Suite("skein analyse --embed")
struct AnalyseEmbedCommandTests {
    static let comments = Fixtures.repositoryRoot.appendingPathComponent("Examples/polis-biodiversity/comments.csv").path

    static func folder() throws -> URL {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("embed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("MiniLM themes; the second run takes every embedding from the cache and writes the same assignments",
          .enabled(if: ModelStore().isInstalled(.miniLM), "all-MiniLM-L6-v2 is not installed (make models)"))
    func cachedRunsAgree() throws {
        let dir = try Self.folder()
        let env = ["SKEIN_EMBEDDING_CACHE": dir.appendingPathComponent("cache.sqlite").path]
        let first = try CommandRunner.skein(["analyse", Self.comments, "--embed", "minilm", "--k", "4", "--out", dir.appendingPathComponent("a").path],
                                            environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("embedded with minilm: 316 computed, 0 from the cache"), "\(first.stdout)")
        let second = try CommandRunner.skein(["analyse", Self.comments, "--k", "4", "--out", dir.appendingPathComponent("b").path],
                                             environment: env)
        #expect(second.stdout.contains("embedded with minilm: 0 computed, 316 from the cache"), "auto picks the installed model: \(second.stdout)")
        let a = try Data(contentsOf: dir.appendingPathComponent("a/assignments.csv"))
        let b = try Data(contentsOf: dir.appendingPathComponent("b/assignments.csv"))
        #expect(a == b)
        let themes = try String(contentsOf: dir.appendingPathComponent("a/themes.json"), encoding: .utf8)
        #expect(themes.contains("\"--embed\"") && themes.contains("\"minilm\""), "the recorded command reruns with the encoder")
    }

    @Test("a missing model says how to install it; --vectors and --embed minilm do not mix; unknown names are listed")
    func errors() throws {
        let dir = try Self.folder()
        let absent = try CommandRunner.skein(["analyse", Self.comments, "--embed", "minilm", "--out", dir.appendingPathComponent("x").path],
                                             environment: ["SKEIN_MODELS": dir.appendingPathComponent("none").path])
        #expect(absent.status != 0 && absent.stderr.contains("skein models install minilm"), "\(absent.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x").path))
        let auto = try CommandRunner.skein(["analyse", Self.comments, "--out", dir.appendingPathComponent("y").path],
                                           environment: ["SKEIN_MODELS": dir.appendingPathComponent("none").path])
        #expect(auto.status == 0 && !auto.stdout.contains("embedded with"), "auto falls back to TF-IDF without the model")
        let mixed = try CommandRunner.skein(["analyse", Self.comments, "--embed", "minilm", "--vectors", "v.npy", "--out", "z"])
        #expect(mixed.status != 0 && mixed.stderr.contains("--vectors"))
        let unknown = try CommandRunner.skein(["analyse", Self.comments, "--embed", "bert-huge", "--out", "z"])
        #expect(unknown.status != 0 && unknown.stderr.contains("tfidf") && unknown.stderr.contains("minilm"))
    }

    @Test("skein models embed writes a .npy that analyse --vectors reads back",
          .enabled(if: ModelStore().isInstalled(.miniLM), "all-MiniLM-L6-v2 is not installed (make models)"))
    func embedToNpy() throws {
        let dir = try Self.folder()
        let texts = dir.appendingPathComponent("t.txt")
        let topics = ["parking at the hospital costs too much", "the nurses were kind and patient", "waiting times in A&E were long"]
        try (0..<30).map { "\(topics[$0 % 3]) (\($0))" }.joined(separator: "\n").write(to: texts, atomically: true, encoding: .utf8)
        let npy = dir.appendingPathComponent("v.npy").path
        let r = try CommandRunner.skein(["models", "embed", texts.path, "--out", npy, "--no-embedding-cache"])
        #expect(r.status == 0 && r.stdout.contains("30 texts"), "\(r.stderr)")
        let analysed = try CommandRunner.skein(["analyse", texts.path, "--vectors", npy, "--k", "3", "--out", dir.appendingPathComponent("a").path])
        #expect(analysed.status == 0, "\(analysed.stderr)")
        let rows = try String(contentsOf: dir.appendingPathComponent("a/assignments.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map(String.init) }
        // Each topic's ten rows share a theme and the three topics get three themes.
        let themes = (0..<3).map { t in Set(rows.enumerated().filter { $0.offset % 3 == t }.map { $0.element[2] }) }
        #expect(themes.allSatisfy { $0.count == 1 } && Set(themes.flatMap { $0 }).count == 3, "\(themes)")
        let list = try CommandRunner.skein(["models", "list", "--json"])
        #expect(list.status == 0 && list.stdout.contains("\"installed\":true"))
    }
}

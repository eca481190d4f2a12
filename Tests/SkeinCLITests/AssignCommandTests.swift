import Encoders
import Foundation
import Testing
import TestSupport

/// `skein assign`: new responses into an earlier analysis's themes (issue #24, item 1).
@Suite("skein assign")
struct AssignCommandTests {
    static let base = ["The food was cold and tasteless", "Parking is far too expensive at the hospital",
                       "Nurses were kind and caring throughout", "Waiting times in A&E were very long",
                       "The discharge letter arrived weeks late"]
    static let suffixes = ["", " today", " again", " honestly", " sadly"]

    static func folder() throws -> URL {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("assign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func themes(_ csv: URL) throws -> [String] {
        try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[2]) }
    }

    @Test("TF-IDF: the analysed responses land where the analysis put them, new ones by meaning, the same bytes twice")
    func tfidf() throws {
        let dir = try Self.folder()
        let input = dir.appendingPathComponent("event.csv")
        var rows: [String] = []
        for i in 0..<100 {
            let text: String = i % 10 == 9 ? "Nothing" : Self.base[i % 5] + Self.suffixes[i / 5 % 5]
            rows.append(text)
        }
        try ("id,text\n" + rows.enumerated().map { "r\($0.offset),\"\($0.element)\"" }.joined(separator: "\n")).write(to: input, atomically: true, encoding: .utf8)
        let analysis = dir.appendingPathComponent("analysis")
        let a = try CommandRunner.skein(["analyse", input.path, "--embed", "tfidf", "--out", analysis.path])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(FileManager.default.fileExists(atPath: analysis.appendingPathComponent("fitted.json").path))

        let again = dir.appendingPathComponent("again")
        #expect(try CommandRunner.skein(["assign", analysis.path, input.path, "--out", again.path]).status == 0)
        let original = try Self.themes(analysis.appendingPathComponent("assignments.csv")), placed = try Self.themes(again.appendingPathComponent("assignments.csv"))
        let same = zip(original, placed).filter { $0 == $1 }.count
        #expect(Double(same) >= 0.95 * Double(original.count), "\(same) of \(original.count) placed as the analysis placed them")

        let new = dir.appendingPathComponent("new.csv")
        try "id,text\nn1,\"parking costs far too much\"\nn2,Nothing\nn3,zzzz qqqq\nn4,...\n".write(to: new, atomically: true, encoding: .utf8)
        let out1 = dir.appendingPathComponent("n1"), out2 = dir.appendingPathComponent("n2")
        #expect(try CommandRunner.skein(["assign", analysis.path, new.path, "--out", out1.path]).status == 0)
        #expect(try CommandRunner.skein(["assign", analysis.path, new.path, "--out", out2.path]).status == 0)
        let bytes1 = try Data(contentsOf: out1.appendingPathComponent("assignments.csv"))
        #expect(bytes1 == (try Data(contentsOf: out2.appendingPathComponent("assignments.csv"))))
        let placedNew = try Self.themes(out1.appendingPathComponent("assignments.csv"))
        let themesJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: analysis.appendingPathComponent("themes.json"))) as? [String: Any]
        let list = try #require(themesJSON?["themes"] as? [[String: Any]])
        let parking = list.first { ($0["label"] as? String)?.contains("parking") == true }?["id"] as? Int
        let nothing = list.first { ($0["label"] as? String)?.contains("nothing") == true }?["id"] as? Int
        #expect(placedNew[0] == parking.map(String.init))
        #expect(placedNew[1] == nothing.map(String.init))
        #expect(placedNew[2] == "-1" && placedNew[3] == "-1")
        let csv = try String(contentsOf: out1.appendingPathComponent("assignments.csv"), encoding: .utf8)
        #expect(csv.contains(",other,") && csv.contains(",empty,"))
    }

    @Test("a folder without a fit, or a fit from a newer Skein, is refused with the file named")
    func refusals() throws {
        let dir = try Self.folder()
        let input = dir.appendingPathComponent("t.txt")
        try "a b c\n".write(to: input, atomically: true, encoding: .utf8)
        let none = try CommandRunner.skein(["assign", dir.path, input.path, "--out", dir.appendingPathComponent("o").path])
        #expect(none.status != 0 && none.stderr.contains("fitted.json"))
        try "{\"version\": 99}".write(to: dir.appendingPathComponent("fitted.json"), atomically: true, encoding: .utf8)
        let newer = try CommandRunner.skein(["assign", dir.path, input.path, "--out", dir.appendingPathComponent("o").path])
        #expect(newer.status != 0 && newer.stderr.contains("fitted.json"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("o").path))
    }

    @Test("MiniLM: the analysed comments land where the analysis put them",
          .enabled(if: ModelStore().isInstalled(.miniLM), "all-MiniLM-L6-v2 is not installed (make models)"))
    func miniLM() throws {
        let dir = try Self.folder()
        let comments = Fixtures.repositoryRoot.appendingPathComponent("Examples/polis-biodiversity/comments.csv").path
        let env = ["SKEIN_EMBEDDING_CACHE": dir.appendingPathComponent("cache.sqlite").path]
        let analysis = dir.appendingPathComponent("a")
        #expect(try CommandRunner.skein(["analyse", comments, "--embed", "minilm", "--out", analysis.path], environment: env).status == 0)
        let placed = dir.appendingPathComponent("p")
        let r = try CommandRunner.skein(["assign", analysis.path, comments, "--out", placed.path], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        let original = try Self.themes(analysis.appendingPathComponent("assignments.csv")), again = try Self.themes(placed.appendingPathComponent("assignments.csv"))
        let same = zip(original, again).filter { $0 == $1 }.count
        #expect(Double(same) >= 0.9 * Double(original.count), "\(same) of \(original.count)")
    }
}

import Foundation
import GRDB
import Synchronization
import Testing
import TestSupport

/// Every input that once crashed, hung or misled `skein` (Hardening/, issue #27), run as a user
/// would: each must end in exit 1 with a message naming the file (and line where there is one), or
/// in correct output — never a signal, a hang or an allocation abort.
@Suite("Hardening regressions")
struct HardeningRegressionTests {
    static let corpus = Fixtures.repositoryRoot.appendingPathComponent("Tests/SkeinCLITests/Hardening")

    static func path(_ name: String) -> String { corpus.appendingPathComponent(name).path }

    static func scratch() throws -> URL {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-hardening-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Exit 1 and a message containing every one of `needles`.
    static func expectRefused(_ arguments: [String], _ needles: [String]) throws {
        let r = try CommandRunner.skein(arguments)
        let said = r.stderr + r.stdout  // validate reports its problems on stdout
        #expect(r.status == 1, "\(arguments.prefix(3)): exit \(r.status)\n\(said.prefix(400))")
        for needle in needles { #expect(said.contains(needle), "\(arguments.prefix(3)): \(said.prefix(400))") }
    }

    @Test("network files: a second *Vertices, 10¹² vertices, invalid UTF-8 in XML names, 100 000 nested elements (B01, B04, B05)")
    func networkFiles() throws {
        try Self.expectRefused(["network", "stats", Self.path("B01-pajek-vertices-shrink.net")], ["B01-pajek-vertices-shrink.net:4:", "second *Vertices"])
        try Self.expectRefused(["network", "stats", Self.path("B05-gexf-invalid-utf8-element-name.gexf")], [".gexf:2:", "not valid UTF-8"])
        try Self.expectRefused(["network", "stats", Self.path("B05b-graphml-invalid-utf8-element-name.graphml")], [".graphml:2:", "not valid UTF-8"])
        // Found by the graphml fuzz target: a made-up encoding name must not switch the UTF-8 check off.
        let fuzzed = Fixtures.repositoryRoot.appendingPathComponent("Fuzz/regressions/graphml/unknown-encoding-invalid-utf8.graphml").path
        try Self.expectRefused(["network", "stats", fuzzed], ["unknown-encoding-invalid-utf8.graphml:1:", "not valid UTF-8"])
        // Also found by it: `<?xm?>`, whose NULL content Foundation's parser dereferenced.
        let pi = Fixtures.repositoryRoot.appendingPathComponent("Fuzz/regressions/graphml/empty-processing-instruction.graphml").path
        try Self.expectRefused(["network", "stats", pi], ["empty-processing-instruction.graphml:1:", "processing instruction"])
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let huge = dir.appendingPathComponent("huge.net")
        try Data("*Vertices 999999999999\n".utf8).write(to: huge)
        try Self.expectRefused(["network", "stats", huge.path], ["huge.net:1:", "at most"])
        let deep = dir.appendingPathComponent("deep.graphml")
        let depth = 100_000
        try Data(("<?xml version=\"1.0\"?>\n<graphml>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</graphml>\n").utf8).write(to: deep)
        try Self.expectRefused(["network", "stats", deep.path], ["deep.graphml:2:", "nested deeper than"])
    }

    @Test("network stats --json on a regular graph: NaN assortativity is null, not an encoding error (B07)")
    func notANumberIsNull() throws {
        let r = try CommandRunner.skein(["network", "stats", Self.path("B07-triangle.csv"), "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["degree_assortativity"] is NSNull && object?["nodes"] as? Int == 3)
    }

    @Test(".npy vectors: negative and overflowing shapes, NaN values, duplicate header keys (B02, B03, B17, B18)")
    func vectors() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let texts = dir.appendingPathComponent("texts.csv")
        try Data("text\nhello world\nanother one\n".utf8).write(to: texts)
        for (file, needle) in [("B02-npy-negative-shape.npy", "negative dimension"), ("B03-npy-shape-overflow.npy", "more bytes than any file holds"),
                               ("B17-npy-nan.npy", "must be a finite number"), ("B18-npy-dup-header-keys.npy", "gives descr twice")] {
            try Self.expectRefused(["analyse", texts.path, "--vectors", Self.path(file), "--out", dir.appendingPathComponent(file).path], [file, needle])
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file): an output folder appeared")
        }
    }

    @Test("scenario files: an alias bomb, an integer range at Int.max, a 20 000-part --set path, imm with ε = 1e-9 (B06, B10)")
    func scenarios() throws {
        try Self.expectRefused(["validate", Self.path("B06-yaml-billion-laughs.yaml")], ["B06-yaml-billion-laughs.yaml:2:", "aliases are not supported"])
        try Self.expectRefused(["validate", Self.path("B10-sweep-lhs-intmax.yaml")], ["B10-sweep-lhs-intmax.yaml:52:", "must lie within"])
        try Self.expectRefused(["validate", Self.path("B08-model-type-null.yaml")], ["B08-model-type-null.yaml:"])
        let sprint = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/sprint.yaml").path
        let long = Array(repeating: "a", count: 20_000).joined(separator: ".")
        try Self.expectRefused(["validate", sprint, "--set", "\(long)=1"], ["20000 parts", "characters)"])
        try Self.expectRefused(["validate", sprint, "--set", "seeding={strategy: imm, count: 8, probability: 0.12, epsilon: 0.000000001}"],
                               ["imm ε", "reverse-reachable sets"])
        let grid = "sweep={grid: {model.p: [\(Array(repeating: "0.1", count: 1000).joined(separator: ","))], seed: [\((1...1000).map(String.init).joined(separator: ","))], horizon: [1,2]}}"
        try Self.expectRefused(["validate", sprint, "--set", grid], ["2000000 points", "at most 1000000"])
    }

    @Test("skein report on folders with a missing header or ragged rows (R1, R2, R3)")
    func reports() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.expectRefused(["report", Self.path("R1-an"), "-o", dir.appendingPathComponent("1.html").path], ["assignments.csv:1:", "twice"])
        try Self.expectRefused(["report", Self.path("R2-run"), "-o", dir.appendingPathComponent("2.html").path], ["network.csv:14:", "fields"])
        try Self.expectRefused(["report", Self.path("R3-run"), "-o", dir.appendingPathComponent("3.html").path], ["network.csv:4:", "fields"])
    }

    @Test("two sweep shards writing one database at once both finish, and every point is there (no 'database is locked')")
    func concurrentShards() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("both.sqlite").path
        let sprint = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/sprint.yaml").path
        let results = Mutex<[Int32]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let r = try? CommandRunner.skein(["sweep", sprint, "--db", db, "--shard", "\(i + 1)/2", "--set", "sweep.replicates=6", "--json"])
            results.withLock { $0.append(r?.status ?? -1) }
        }
        #expect(results.withLock { $0 } == [0, 0])
        let resumed = try CommandRunner.skein(["sweep", sprint, "--db", db, "--set", "sweep.replicates=6", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any]
        #expect(resumed.status == 0 && object?["ran"] as? Int == 0, "\(resumed.stdout) \(resumed.stderr)")
    }

    @Test("a sweep database held by another writer past the wait: exit 1 naming the writer and how to shard instead")
    func lockedDatabase() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("held.sqlite").path
        let sprint = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/sprint.yaml").path
        #expect(try CommandRunner.skein(["sweep", sprint, "--db", db, "--set", "sweep.replicates=2", "--shard", "1/2"]).status == 0)
        // Another process holds the database (an exclusive transaction for 8 s) while the second shard starts.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                            + "c.execute('BEGIN EXCLUSIVE'); print('held', flush=True); time.sleep(8); c.execute('ROLLBACK')", db]
        let ready = Pipe()
        holder.standardOutput = ready
        try holder.run()
        _ = ready.fileHandleForReading.availableData  // "held"
        let r = try CommandRunner.skein(["sweep", sprint, "--db", db, "--set", "sweep.replicates=2", "--shard", "2/2"],
                                        environment: ["SKEIN_SWEEP_WAIT_SECONDS": "1"])
        holder.terminate()
        holder.waitUntilExit()
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("held.sqlite is being written by") && r.stderr.contains("skein merge"), "\(r.stderr)")
    }

    @Test("requests beyond the machine are refused before they allocate: 10⁷ replicates, a 4·10¹⁰-cell vote matrix read sparsely, 100 000 threads")
    func beyondTheMachine() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sprint = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/sprint.yaml").path
        try Self.expectRefused(["validate", sprint, "--set", "replicates=10000000"], ["would need", "SKEIN_MEMORY"])
        try Self.expectRefused(["validate", sprint, "--memory-limit", "64M", "--set", "replicates=100000"],
                               ["100000 replicates × 53 steps would need 4.2 GB", "64 MB --memory-limit allows"])
        #expect(try CommandRunner.skein(["validate", sprint, "--memory-limit", "64M"]).status == 0)
        let votes = dir.appendingPathComponent("votes.csv")
        var text = "timestamp,datetime,comment-id,voter-id,vote\n"
        for i in 0..<200_000 { text += "\(i),x,\(i),\(i),1\n" }
        try Data(text.utf8).write(to: votes)
        // Read sparsely now (5 bytes a vote): a one-vote-each export of 200 000 × 200 000 is refused
        // for what it is, too few votes to group, not for memory.
        try Self.expectRefused(["analyse-votes", votes.path, "--out", dir.appendingPathComponent("v").path], ["votes.csv", "too little to group", "200000 statements"])
        try Self.expectRefused(["network", "generate", "configuration", "--param", "degrees=9223372036854775807,1", "-o", dir.appendingPathComponent("c.edges").path],
                               ["degrees below the number of nodes"])
        try Self.expectRefused(["network", "generate", "erdos-renyi", "--param", "n=1000000000", "--param", "p=0.000001", "-o", dir.appendingPathComponent("e.edges").path],
                               ["1e+09 nodes", "would need"])
        try Self.expectRefused(["validate", sprint, "--set", "network.parameters.team_size=100000000"], ["sprint.yaml:22:", "more than Skein's networks hold"])
        try Self.expectRefused(["validate", sprint, "--set", "interventions[0].ties_per_participant=1000000000"],
                               ["sprint.yaml:37:", "fewer than the 384 people"])
        let weaving = dir.appendingPathComponent("weaving.yaml")
        try Data("""
            network: {generate: organisation, parameters: {organisations: 4, teams: 5, team_size: 10}}
            model: {type: independent-cascade, p: 0.1}
            interventions: [{type: weaving, at: 2, budget: 1000000000000, between: organisation}]

            """.utf8).write(to: weaving)
        try Self.expectRefused(["validate", weaving.path], ["weaving.yaml:3:", "at most the 19900 pairs"])
        let threads = try CommandRunner.skein(["run", sprint, "--threads", "100000", "--out", dir.appendingPathComponent("t").path])
        #expect(threads.status != 0 && threads.stderr.contains("results are the same at any thread count"))
    }

    @Test("inputs that were accepted silently: extends: of a non-scenario file, thresholds outside [0, 1] from a node file")
    func silentlyAccepted() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("source,target\na,b\nb,c\n".utf8).write(to: dir.appendingPathComponent("edges.csv"))
        try Data("extends: edges.csv\nname: x\n".utf8).write(to: dir.appendingPathComponent("child.yaml"))
        try Self.expectRefused(["validate", dir.appendingPathComponent("child.yaml").path], ["child.yaml:1:", "is not a scenario file"])
        try Data("id,theta\na,0.5\nb,-1\nc,\n".utf8).write(to: dir.appendingPathComponent("nodes.csv"))
        try Data("""
            network: {file: edges.csv, nodes: nodes.csv}
            model: {type: linear-threshold, threshold: {attribute: theta, fallback: 0.5}}
            seeding: {strategy: nodes, nodes: [a]}

            """.utf8).write(to: dir.appendingPathComponent("theta.yaml"))
        try Self.expectRefused(["validate", dir.appendingPathComponent("theta.yaml").path], ["threshold of b (attribute theta)", "-1"])
    }

    @Test("a sweep database whose numbers were overwritten with text is reported, not trapped on; scenario text is text in summary.md")
    func corruptDatabaseAndMarkup() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sprint = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/sprint.yaml").path
        let db = dir.appendingPathComponent("s.sqlite").path
        #expect(try CommandRunner.skein(["sweep", sprint, "--db", db, "--set", "sweep.replicates=2"]).status == 0)
        let queue = try DatabaseQueue(path: db)
        try queue.write { try $0.execute(sql: "UPDATE results SET reach_share = 'oops' WHERE point = 0 AND replicate = 0") }
        try queue.close()
        try Self.expectRefused(["report", db, "-o", dir.appendingPathComponent("r.html").path], ["s.sqlite", "reach_share holds \"oops\""])
        let out = dir.appendingPathComponent("run")
        let run = try CommandRunner.skein(["run", sprint, "--replicates", "2", "--out", out.path, "--set", "name=<img src=x onerror=alert(1)>",
                                          "--set", "description=<script>alert(2)</script>"])
        #expect(run.status == 0, "\(run.stderr)")
        let md = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        // Every < is escaped (\<), so no tag survives.
        let unescaped = zip(md, md.dropFirst()).contains { $1 == "<" && $0 != "\\" } || md.first == "<"
        #expect(!unescaped && md.contains("\\<script\\>") && md.contains("\\<img"))
    }
}

import Foundation
import Testing
import TestSupport

/// Networks in and out as a designer meets them: a Kumu map and a survey spreadsheet as scenario
/// networks, `skein network convert`, `skein export network` (GEXF with a timeline, read by networkx),
/// and a CSV saved by Excel as Windows-1252 read by the analyser.
@Suite("skein network convert, export network, scenario networks from Kumu and surveys")
struct NetworkConvertCommandTests {
    static func folder() throws -> URL {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("net-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static let kumu = """
        {"elements": [
          {"label": "Ana", "type": "nurse", "ward": "A"}, {"label": "Ben", "type": "doctor", "ward": "A"},
          {"label": "Cleo", "type": "nurse", "ward": "B"}, {"label": "Dev", "type": "manager", "ward": "B"},
          {"label": "Eve", "type": "nurse", "ward": "B"}],
         "connections": [
          {"from": "Ana", "to": "Ben", "direction": "undirected"}, {"from": "Ben", "to": "Cleo", "direction": "undirected"},
          {"from": "Cleo", "to": "Dev", "direction": "undirected"}, {"from": "Dev", "to": "Eve", "direction": "undirected"},
          {"from": "Eve", "to": "Ana", "direction": "undirected"}, {"from": "Ana", "to": "Cleo", "direction": "undirected"}]}
        """

    @Test("a Kumu map runs as a scenario network; its results export as GEXF (timeline), GraphML and Kumu JSON")
    func kumuScenarioAndExport() throws {
        let dir = try Self.folder()
        try Data(Self.kumu.utf8).write(to: dir.appendingPathComponent("map.json"))
        let scenario = dir.appendingPathComponent("kumu.yaml")
        try Data("""
            name: Kumu map
            network: {file: map.json}
            model: {type: independent-cascade, p: 0.4}
            seeding: {strategy: degree, count: 1}
            horizon: 6
            replicates: 40
            seed: 3
            outputs: {agents: true}
            """.utf8).write(to: scenario)
        let validate = try CommandRunner.skein(["validate", scenario.path])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        let run = dir.appendingPathComponent("run")
        let ran = try CommandRunner.skein(["run", scenario.path, "--out", run.path])
        #expect(ran.status == 0, "\(ran.stderr)")
        let agents = try String(contentsOf: run.appendingPathComponent("agents.csv"), encoding: .utf8)
        #expect(agents.contains(",Ana,") && agents.contains(",Eve,"))
        for ext in ["gexf", "graphml", "json", "vna"] {
            let out = dir.appendingPathComponent("results.\(ext)")
            let exported = try CommandRunner.skein(["export", "network", run.path, "-o", out.path])
            #expect(exported.status == 0, "\(exported.stderr)")
            let text = try String(contentsOf: out, encoding: .utf8)
            #expect(text.contains("adoption_probability") && text.contains("mean_adoption_time") && text.contains("ward"), "\(ext)")
        }
        let gexf = try String(contentsOf: dir.appendingPathComponent("results.gexf"), encoding: .utf8)
        #expect(gexf.contains("mode=\"dynamic\"") && gexf.contains("<attvalue for=\"timeline\" value=\"1\" start="))
        if let out = try InteropPython.run(["read", dir.appendingPathComponent("results.gexf").path]) {
            let read = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
            #expect((read?["nodes"] as? [String: Any])?.count == 5)
            #expect((read?["edges"] as? [Any])?.count == 6)
        }
        // The Kumu JSON of the results is itself a Kumu map Skein (and Kumu) reads, results as fields.
        let back = try CommandRunner.skein(["network", "stats", dir.appendingPathComponent("results.json").path])
        #expect(back.status == 0 && back.stdout.contains("5 nodes, 6 edges"), "\(back.stdout)\(back.stderr)")
        // A run without per-person results says how to get them.
        let bare = dir.appendingPathComponent("bare")
        _ = try CommandRunner.skein(["run", scenario.path, "--out", bare.path, "--set", "outputs.agents=false"])
        try? FileManager.default.removeItem(at: bare.appendingPathComponent("network.csv"))
        let refused = try CommandRunner.skein(["export", "network", bare.path, "-o", dir.appendingPathComponent("x.gexf").path])
        #expect(refused.status == 1 && refused.stderr.contains("outputs: {agents: true}"))
    }

    @Test("a survey spreadsheet as a scenario network, and skein network convert between formats")
    func surveyAndConvert() throws {
        let dir = try Self.folder()
        try Data("""
            id,name,ward,advice1,advice2,friend1
            1,Ana,A,2,3,2
            2,Ben,A,1,,9
            3,Cleo,B,1,2,
            """.utf8).write(to: dir.appendingPathComponent("survey.csv"))
        let scenario = dir.appendingPathComponent("survey.yaml")
        try Data("""
            name: Survey network
            network:
              file: survey.csv
              survey:
                layers: {advice: [advice1, advice2], friendship: [friend1]}
            model: {type: independent-cascade, p: 0.3}
            seeding: {strategy: random, count: 1}
            horizon: 4
            replicates: 10
            """.utf8).write(to: scenario)
        let ran = try CommandRunner.skein(["run", scenario.path, "--out", dir.appendingPathComponent("run").path])
        #expect(ran.status == 0, "\(ran.stderr)")
        let bad = dir.appendingPathComponent("bad.yaml")
        try Data("name: x\nnetwork: {file: survey.csv, format: kumoo}\nmodel: {type: independent-cascade, p: 0.3}\n".utf8).write(to: bad)
        let refused = try CommandRunner.skein(["validate", bad.path])
        #expect(refused.status == 1 && refused.stdout.contains("bad.yaml:2:") && refused.stdout.contains("did you mean \"kumu\"?"), "\(refused.stdout)")

        let converted = try CommandRunner.skein(["network", "convert", dir.appendingPathComponent("survey.csv").path,
                                                 dir.appendingPathComponent("survey.graphml").path, "--format", "survey",
                                                 "--layer", "advice=advice*", "--layer", "friendship=friend1"])
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(converted.stdout.contains("3 nodes, 5 arcs") && converted.stdout.contains("relations advice, friendship"), "\(converted.stdout)")
        #expect(converted.stderr.contains("1 nominations name people who did not answer"))
        let unknown = try CommandRunner.skein(["network", "convert", dir.appendingPathComponent("survey.csv").path, dir.appendingPathComponent("x.docx").path])
        #expect(unknown.status == 1 && unknown.stderr.contains("names no network format"))
    }

    @Test("a CSV saved by Excel as Windows-1252 is read by the analyser and the network commands")
    func windows1252() throws {
        let dir = try Self.folder()
        // "Café", "naïve" and a curly apostrophe as Windows-1252 bytes.
        var responses = Data("id,text\n".utf8)
        let lines: [[UInt8]] = [
            Array("1,The caf".utf8) + [0xE9] + Array(" staff were kind and the caf".utf8) + [0xE9, 0x0A],
            Array("2,Parking was a nightmare and the caf".utf8) + [0xE9] + Array(" was shut".utf8) + [0x0A],
            Array("3,We didn".utf8) + [0x92] + Array("t know who to ask about parking".utf8) + [0x0A],
            Array("4,Staff were kind and patient".utf8) + [0x0A],
        ]
        for line in lines { responses.append(contentsOf: line) }
        let file = dir.appendingPathComponent("comments.csv")
        try responses.write(to: file)
        let analysed = try CommandRunner.skein(["analyse", file.path, "--out", dir.appendingPathComponent("themes").path, "--k", "2"])
        #expect(analysed.status == 0, "\(analysed.stderr)")
        // The quotes carry the text as written: é and the curly apostrophe, not replacement characters.
        let themes = try String(contentsOf: dir.appendingPathComponent("themes/themes.json"), encoding: .utf8)
        #expect(themes.contains("café") && themes.contains("didn’t") && !themes.contains("\u{FFFD}"), "\(themes.prefix(400))")
        var edges = Data("source,target\n".utf8)
        edges.append(contentsOf: Array("Jos".utf8) + [0xE9, 0x2C] + Array("Zo".utf8) + [0xEB, 0x0A])
        try edges.write(to: dir.appendingPathComponent("e.csv"))
        let stats = try CommandRunner.skein(["network", "convert", dir.appendingPathComponent("e.csv").path, dir.appendingPathComponent("e.json").path])
        #expect(stats.status == 0)
        #expect(try String(contentsOf: dir.appendingPathComponent("e.json"), encoding: .utf8).contains("\"José\""))
    }
}

/// `skein diffusion stats` and `skein calibrate` as a researcher runs them on the shared data.
@Suite("skein diffusion stats and calibrate")
struct CalibrateCommandTests {
    @Test("stats and calibrate print the figures, write calibration.json/.csv and a calibrated scenario that runs close to the data")
    func calibrate() throws {
        guard let shared = Fixtures.sharedData else { print("skipped: ../shared/data is absent"); return }
        let folder = shared.appendingPathComponent("networks/netdiffuser_medInnovations")
        let nodes = folder.appendingPathComponent("nodes.csv").path, edges = folder.appendingPathComponent("edges.csv").path
        let stats = try CommandRunner.skein(["diffusion", "stats", nodes, "--id", "node_id", "--network", edges])
        #expect(stats.status == 0 && stats.stdout.contains("(C) p = 0.0839") && stats.stdout.contains("lag 0: mean 0.511"), "\(stats.stdout)\(stats.stderr)")
        let json = try CommandRunner.skein(["diffusion", "stats", nodes, "--id", "node_id", "--network", edges, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["bass"] as? [Any])?.count == 3 && object?["people"] as? Int == 125)

        let out = Fixtures.temporaryDirectory.appendingPathComponent("cal-\(UUID().uuidString)")
        let cal = try CommandRunner.skein(["calibrate", nodes, "--id", "node_id", "--network", edges, "--group", "city", "--permutations", "20",
                                           "--holdout-after", "8", "--simulations", "100", "--out", out.path])
        #expect(cal.status == 0, "\(cal.stderr)")
        #expect(cal.stdout.contains("856 person-periods, 98 adoptions") && cal.stdout.contains("No tie-level contagion"))
        #expect(cal.stdout.contains("Bass curve on the same data: KS"))
        let csv = try String(contentsOf: out.appendingPathComponent("calibration.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("model,parameter,estimate,se,low,high,method\n") && csv.contains("network-hazard constant,q,"))
        let run = out.appendingPathComponent("run")
        let ran = try CommandRunner.skein(["run", out.appendingPathComponent("calibrated.yaml").path, "--out", run.path])
        #expect(ran.status == 0, "\(ran.stderr)")
        // The scenario's mean reach per step against the observed cumulative adopters per period.
        let observed = [11, 20, 29, 40, 51, 62, 75, 82, 86, 87, 92, 95, 98, 102, 106, 108, 109].map(Double.init)
        var simulated: [Double] = []
        for line in try String(contentsOf: run.appendingPathComponent("timeseries.csv"), encoding: .utf8).split(separator: "\n")
        where line.contains(",all,all,reach,") {
            simulated.append(Double(line.split(separator: ",")[4])!)
        }
        #expect(simulated.count == observed.count)
        let rmse = (zip(simulated, observed).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(observed.count)).squareRoot()
        #expect(rmse < 6, "RMSE \(rmse) people")
        let refused = try CommandRunner.skein(["calibrate", nodes, "--id", "node_id", "--network", edges, "--holdout-after", "40"])
        #expect(refused.status == 1 && refused.stderr.contains("--holdout-after 40 must leave"))
    }
}

/// The calibration example in the repository (`Scenarios/calibration/`), as the README runs it.
@Suite("The medInnovations calibration example")
struct CalibrationExampleTests {
    @Test("calibrating the example's parameters by ABC writes a scenario that extends the example and answers its question")
    func example() throws {
        let root = Fixtures.repositoryRoot.appendingPathComponent("Scenarios/calibration")
        let data = root.appendingPathComponent("medinnovations")
        let out = Fixtures.temporaryDirectory.appendingPathComponent("example-\(UUID().uuidString)")
        let cal = try CommandRunner.skein(["calibrate", data.appendingPathComponent("nodes.csv").path, "--id", "node_id",
                                           "--network", data.appendingPathComponent("edges.csv").path, "--group", "city",
                                           "--scenario", root.appendingPathComponent("medinnovations.yaml").path,
                                           "--fit", "model.innovation=0:0.3", "--fit", "model.imitation=0:1", "--abc-simulations", "2000",
                                           "--out", out.path])
        #expect(cal.status == 0, "\(cal.stderr)")
        #expect(cal.stdout.contains("ABC (rejection) of the bass model: 2000 simulations, 20 accepted"))
        let yaml = try String(contentsOf: out.appendingPathComponent("calibrated.yaml"), encoding: .utf8)
        #expect(yaml.hasPrefix("extends: \"") && yaml.contains("medinnovations.yaml\"") && !yaml.contains("compare: none"))
        let run = try CommandRunner.skein(["run", out.appendingPathComponent("calibrated.yaml").path, "--out", out.appendingPathComponent("run").path])
        #expect(run.status == 0 && run.stdout.contains("Answer: Twice the outside push") && run.stdout.contains("month 16"), "\(run.stdout)\(run.stderr)")
        // The run's manifest names the posterior it ran from, as calibration.json has it.
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("run/manifest.json"))) as? [String: Any]
        let record = ((manifest?["scenario"] as? [String: Any])?["calibration"] as? [String: Any])
        let parameters = try #require(record?["parameters"] as? [String: [String: Double]])
        let calibration = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("calibration.json"))) as? [String: Any]
        for p in try #require(calibration?["posterior"] as? [[String: Any]]) {
            let name = try #require(p["parameter"] as? String)
            #expect(parameters[name]?["median"] == p["median"] as? Double && parameters[name]?["low"] == p["low"] as? Double, "\(name)")
        }
        #expect((record?["method"] as? String)?.hasPrefix("ABC rejection, 2000 simulations, 20 accepted") == true)
        // A calibration record is checked like the rest of the file.
        let broken = out.appendingPathComponent("broken.yaml")
        try (try String(contentsOf: out.appendingPathComponent("calibrated.yaml"), encoding: .utf8)
             + "    extra: {mean: 1, medain: 2}\n").write(to: broken, atomically: true, encoding: .utf8)
        let refused = try CommandRunner.skein(["validate", broken.path])
        #expect(refused.status == 1 && refused.stdout.contains("unknown key \"medain\" in calibration.parameters.extra")
                && refused.stdout.contains("calibration.parameters.extra needs its value"), "\(refused.stdout)")
        let base = try CommandRunner.skein(["validate", root.appendingPathComponent("medinnovations.yaml").path])
        #expect(base.status == 0, "\(base.stdout)")
        // The report: the identifiability words first, the band against the data, the pairs, the table.
        let report = try CommandRunner.skein(["report", out.path])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Calibration of the bass model") && html.contains("What the data identify"))
        #expect(html.contains("posterior predictive 90% band") && html.contains("Accepted draws: innovation") && html.components(separatedBy: "<svg").count == 3)
        // The likelihood regime's report with held-out months, written by --report.
        let ml = Fixtures.temporaryDirectory.appendingPathComponent("ml-\(UUID().uuidString)")
        let fitted = try CommandRunner.skein(["calibrate", data.appendingPathComponent("nodes.csv").path, "--id", "node_id",
                                              "--network", data.appendingPathComponent("edges.csv").path, "--group", "city", "--permutations", "10",
                                              "--holdout-after", "8", "--simulations", "50", "--out", ml.path, "--report"])
        #expect(fitted.status == 0, "\(fitted.stderr)")
        let page = try String(contentsOf: ml.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains("The verdict") && page.contains("Held out (after period 8)") && page.contains("Network hazard, period-specific baseline"))
    }
}

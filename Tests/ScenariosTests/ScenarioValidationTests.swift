import Foundation
import NumericCore
import Scenarios
import Simulation
import Testing
import TestSupport

/// `skein validate`'s engine: every problem reported at file:line:column with a hint, extends and
/// overrides, and no crash on any input.
@Suite("Scenario validation")
struct ScenarioValidationTests {
    static func write(_ text: String, name: String = "scenario.yaml", in dir: URL? = nil) throws -> URL {
        let folder = dir ?? Fixtures.temporaryDirectory.appendingPathComponent("skein-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    static func problems(_ text: String, prepare: Bool = false) throws -> [Diagnostic] {
        let url = try write(text)
        do {
            let scenario = try ScenarioLoader.load(url.path)
            if prepare { _ = try scenario.prepare() }
            return []
        } catch let error as ScenarioError {
            return error.diagnostics
        }
    }

    static let valid = """
        name: small
        network:
          generate: organisation
          parameters: {organisations: 2, teams: 2, team_size: 5}
        model:
          type: independent-cascade
          p: 0.1
        seeding: {strategy: random, count: 2}
        horizon: 10
        replicates: 4
        """

    @Test func aValidScenarioHasNoProblems() throws {
        #expect(try Self.problems(Self.valid, prepare: true).isEmpty)
    }

    @Test func everyProblemIsReportedAtItsPlace() throws {
        let text = """
            name: broken
            network:
              generate: organisation
              parameters: {organisations: 2, teams: 2, team_size: 5}
            model:
              type: independent-cascade
              p: 1.5
            seedng: {strategy: random, count: 2}
            horizon: ten
            interventions:
              - type: event
                at: 40
                participants: everyone
                cross_boundary: 2
              - type: sprint
                at: 1
            """
        let found = try Self.problems(text)
        func at(_ line: Int) -> Diagnostic? { found.first { $0.origin.line == line } }
        #expect(at(7)?.message.contains("model.p = 1.5 is out of range") == true)
        #expect(at(7)?.hint?.contains("[0, 1]") == true)
        #expect(at(8)?.message.contains("unknown key \"seedng\"") == true)
        #expect(at(8)?.hint == "did you mean \"seeding\"?")
        #expect(at(9)?.message.contains("horizon must be a whole number") == true)
        #expect(at(14)?.message.contains("cross_boundary = 2 is out of range") == true)
        #expect(at(15)?.message.contains("\"sprint\" is not known") == true)
        #expect(found.allSatisfy { $0.origin.file.hasSuffix("scenario.yaml") && $0.origin.column > 0 })
        #expect(found.count >= 5)
    }

    @Test func anInterventionAfterTheHorizonIsNamed() throws {
        let found = try Self.problems(Self.valid + "\ninterventions:\n  - {type: seed, at: 12, who: everyone}\n")
        #expect(found.count == 1 && found[0].origin.line == 12 && found[0].message.contains("after the horizon (10 steps)"))
    }

    @Test func problemsFoundWithTheNetworkPointAtTheirIntervention() throws {
        let text = Self.valid + """

            interventions:
              - type: event
                at: 2
                participants: {per: rank, count: 3}
              - type: training
                at: 3
                participants: everyone
            """
        let found = try Self.problems(text, prepare: true)
        #expect(found.count == 2)
        #expect(found[0].origin.line == 12 && found[0].message.contains("no attribute \"rank\""))
        #expect(found[0].message.contains("organisation"))
        #expect(found[1].origin.line == 15 && found[1].message.contains("use one that has: linear-threshold, complex-contagion, commitment"))
    }

    @Test func missingFilesAreNamedRelativeToTheScenario() throws {
        let found = try Self.problems("network: {file: nowhere.csv}\nmodel: {type: independent-cascade, p: 0.1}\n")
        #expect(found.count == 1 && found[0].message.contains("no such file") && found[0].message.contains("nowhere.csv"))
    }

    @Test func invalidYAMLIsReportedWithItsPosition() throws {
        let found = try Self.problems("name: x\nmodel: {type: bass\n  innovation: [\n")
        #expect(found.count == 1 && found[0].message.hasPrefix("not valid YAML") && found[0].origin.line > 0)
    }

    @Test func extendsMergesAndOverridesApply() throws {
        let base = try Self.write(Self.valid, name: "base.yaml")
        let child = try Self.write("extends: base.yaml\nname: child\nmodel: {p: 0.3}\nhorizon: 20\n", name: "child.yaml",
                                   in: base.deletingLastPathComponent())
        let scenario = try ScenarioLoader.load(child.path, overrides: ["replicates=7", "seeding.count=3"])
        #expect(scenario.name == "child" && scenario.horizon == 20 && scenario.replicates == 7)
        guard let m = scenario.model.model as? IndependentCascade, case let .uniform(p) = m.probability else {
            Issue.record("model lost its type through extends")
            return
        }
        #expect(p == 0.3)
        #expect(scenario.seeding == .random(count: 3))
        // A bad override is reported at --set.
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(child.path, overrides: ["model.p=2"]) }
        let cycle = try Self.write("extends: child.yaml\n", name: "base.yaml", in: base.deletingLastPathComponent())
        _ = cycle
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(child.path) }
    }

    @Test("a key set to null in an extending file removes the base's key: a block of another kind replaces, not merges")
    func extendsNullRemoves() throws {
        let base = try Self.write(Self.valid, name: "base.yaml")
        let child = try Self.write("extends: base.yaml\nseeding: {strategy: ~, count: ~, nodes: [\"3\"]}\n", name: "child.yaml",
                                   in: base.deletingLastPathComponent())
        let scenario = try ScenarioLoader.load(child.path)
        #expect(scenario.seeding == .nodes(["3"]))
        #expect(ScenarioValue.mapping([], .init(file: "x", line: 1, column: 1)).keys.isEmpty)
        // Without the nulls the two kinds of seeding would merge and be refused.
        let merged = try Self.write("extends: base.yaml\nseeding: {nodes: [\"3\"]}\n", name: "merged.yaml", in: base.deletingLastPathComponent())
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(merged.path) }
    }

    @Test func neverCrashesOnMangledInput() throws {
        // Every prefix of a valid file, and the file with bytes replaced, either loads or reports problems.
        let text = Array(Self.valid.utf8)
        var rng = Xoshiro256PlusPlus(seed: 7)
        var inputs = stride(from: 0, to: text.count, by: 7).map { String(decoding: text[0..<$0], as: UTF8.self) }
        for _ in 0..<40 {
            var bytes = text
            for _ in 0..<3 { bytes[Int.random(in: 0..<bytes.count, using: &rng)] = Array("{}[]:-,\"'&*!|>#%@ \n\t0x".utf8).randomElement(using: &rng)! }
            inputs.append(String(decoding: bytes, as: UTF8.self))
        }
        for input in inputs {
            let url = try Self.write(input)
            do {
                _ = try ScenarioLoader.load(url.path)
            } catch let error as ScenarioError {
                #expect(!error.description.isEmpty)
            }
        }
    }
}

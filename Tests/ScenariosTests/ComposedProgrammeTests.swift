import Foundation
import NumericCore
import Scenarios
import Simulation
import Testing
import TestSupport

/// The two programmes that models and interventions composing makes possible, run as their
/// designers describe them (Scenarios/cancer-network.yaml, Scenarios/qsir-training.yaml), and the
/// combinations validation refuses, with why and what to use instead.
@Suite("Composed programmes")
struct ComposedProgrammeTests {
    static let folder = Fixtures.repositoryRoot.appendingPathComponent("Scenarios")

    static func run(_ name: String, _ overrides: [String]) throws -> (EnsembleResult, PreparedScenario) {
        let scenario = try ScenarioLoader.load(folder.appendingPathComponent(name).path, overrides: overrides)
        let prepared = try scenario.prepare()
        return (try scenario.model.run(prepared.ensemble, on: prepared.population), prepared)
    }

    static func meanFinal(_ result: EnsembleResult, _ state: AdoptionState) -> Double {
        Descriptive.mean((0..<result.replicates).map { Double(result.count(state, replicate: $0, step: result.horizon)) })
    }

    @Test("national cancer network: tie-building meetings that sustain commitment carry the practice; meetings that only connect do not")
    func cancerNetwork() throws {
        let (sustained, _) = try Self.run("cancer-network.yaml", ["replicates=20"])
        let (connected, _) = try Self.run("cancer-network.yaml", ["replicates=20", "interventions[0].boost=0"])
        #expect(sustained.kernel == "frontier")
        let n = Double(sustained.population)
        #expect(Self.meanFinal(sustained, .adopted) > 0.8 * n)
        #expect(Self.meanFinal(connected, .adopted) < 0.3 * n)
        // The meetings added ties in every replicate (the overlay), and the leads' commitment is what they sustain.
        let last = sustained.horizon
        #expect(sustained.band(step: last) { sustained.meanCommitment[$0 * sustained.steps + last] }.mean
                > connected.band(step: last) { connected.meanCommitment[$0 * connected.steps + last] }.mean + 0.3)
    }

    @Test("QSIR training: connected trained staff practise, trained-only do not; the breakdown answers for the trained")
    func qsirTraining() throws {
        let (connected, prepared) = try Self.run("qsir-training.yaml", ["replicates=30"])
        let (trainedOnly, _) = try Self.run("qsir-training.yaml", ["replicates=30", "interventions[1].ties_per_participant=0"])
        let g = try #require(connected.groupNames.firstIndex(of: "trained"))
        #expect(connected.groupLevels[g] == ["untrained", "trained"])
        func trainedPractising(_ r: EnsembleResult) -> Double {
            Descriptive.mean((0..<r.replicates).map { Double(r.groupCount(g, level: 1, .adopted, replicate: $0, step: r.horizon)) })
        }
        // 200 trained (100 per organisation); the levels sum to the population at every step.
        for t in [0, 2, 52] {
            let total = (0..<2).reduce(0) { sum, level in
                sum + AdoptionState.allCases.reduce(0) { $0 + connected.groupCount(g, level: level, $1, replicate: 0, step: t) }
            }
            #expect(total == prepared.graph.nodeCount)
        }
        let trainedAtEnd = AdoptionState.allCases.reduce(0) { $0 + connected.groupCount(g, level: 1, $1, replicate: 0, step: 52) }
        #expect(trainedAtEnd == 200)
        #expect(trainedPractising(connected) > 150)
        #expect(trainedPractising(trainedOnly) < 20)
        // Commitment wanes: some practitioners drop out along the way.
        #expect(connected.summaries.contains { $0.lapses > 0 })
        // By commitment: the levels partition everyone; every committed person practises (commitment
        // is a practitioner's), and some practitioners sit below 0.5 on their way out.
        let c = try #require(connected.groupNames.firstIndex(of: "committed"))
        #expect(connected.groupLevels[c] == ["uncommitted", "committed"])
        for t in [0, 10, 52] {
            let committed = AdoptionState.allCases.reduce(0) { $0 + connected.groupCount(c, level: 1, $1, replicate: 0, step: t) }
            #expect(committed == connected.groupCount(c, level: 1, .adopted, replicate: 0, step: t))
            let all = (0..<2).reduce(0) { s, l in s + AdoptionState.allCases.reduce(0) { $0 + connected.groupCount(c, level: l, $1, replicate: 0, step: t) } }
            #expect(all == prepared.graph.nodeCount)
        }
        #expect((0..<connected.replicates).contains { r in (1...52).contains { connected.groupCount(c, level: 0, .adopted, replicate: r, step: $0) > 0 } })
    }

    @Test("what cannot combine is refused with the reason and the alternative")
    func refusals() throws {
        let base = """
            network: {generate: organisation, parameters: {organisations: 2, teams: 2, team_size: 5}}
            model: {type: independent-cascade, p: 0.1}
            seeding: {strategy: random, count: 2}
            horizon: 10

            """
        let boost = try ScenarioValidationTests.problems(base + "interventions: [{type: event, at: 2, participants: everyone, boost: 0.3}]\n", prepare: true)
        #expect(boost.count == 1 && boost[0].message.contains("add waning commitment (commitment: {decay: 0.05}) or use the commitment model"))
        let withWaning = try ScenarioValidationTests.problems(base + "commitment: {decay: 0.05}\ninterventions: [{type: event, at: 2, participants: everyone, boost: 0.3}]\n", prepare: true)
        #expect(withWaning.isEmpty)
        let committed = try ScenarioValidationTests.problems(base + "outputs: {breakdown: [committed]}\n", prepare: true)
        #expect(committed.count == 1 && committed[0].message.contains("committed needs commitment")
                && committed[0].hint?.contains("commitment: {decay: 0.05}") == true)
        let training = try ScenarioValidationTests.problems(base + "interventions: [{type: training, at: 2, participants: everyone}]\n", prepare: true)
        #expect(training.count == 1 && training[0].message.contains("training lowers an adoption threshold")
                && training[0].message.contains("linear-threshold, complex-contagion, commitment"))
        let own = try ScenarioValidationTests.problems(base.replacingOccurrences(of: "{type: independent-cascade, p: 0.1}", with: "{type: commitment, decay: 0.1, reinforcement: 0.2}")
                                                       + "commitment: {decay: 0.05}\n", prepare: true)
        #expect(own.count == 1 && own[0].message.contains("keeps its own commitment"))
        let badDropout = try ScenarioValidationTests.problems(base + "commitment: {decay: 0.05, dropout: 1}\n")
        #expect(badDropout.count == 1 && badDropout[0].message.contains("not below the commitment on adopting"))
        // The commitment model now takes training and tie-building meetings (once refused).
        let commitment = base.replacingOccurrences(of: "{type: independent-cascade, p: 0.1}", with: "{type: commitment, decay: 0.1, reinforcement: 0.2}")
        #expect(try ScenarioValidationTests.problems(commitment + """
            interventions:
              - {type: training, at: 1, participants: {per: organisation, count: 3}}
              - {type: event, at: 2, participants: trained, ties_per_participant: 2, boost: 0.3}

            """, prepare: true).isEmpty)
    }

    @Test("outputs.replicates writes every replicate's own series, agreeing with the ensemble's")
    func replicateSeries() throws {
        let (result, prepared) = try Self.run("qsir-training.yaml", ["replicates=4", "outputs.replicates=true"])
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("replicate-series-\(UUID().uuidString)")
        try RunWriter.prepareDirectory(dir, force: false)
        try RunWriter.write(result, prepared, to: dir, timings: .init(networkSeconds: 0, simulationSeconds: 0), threads: 1)
        let lines = try String(contentsOf: dir.appendingPathComponent("replicate-timeseries.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0] == ["replicate", "step", "unaware", "aware", "adopted", "lapsed", "removed", "reach", "commitment"])
        #expect(lines.count == 1 + 4 * result.steps)
        for row in lines.dropFirst() {
            let r = Int(row[0])!, t = Int(row[1])!
            #expect(Int(row[4])! == result.count(.adopted, replicate: r, step: t))
            #expect(row[2...6].reduce(0) { $0 + Int($1)! } == prepared.graph.nodeCount)
            #expect(Double(row[8])! == result.meanCommitment[r * result.steps + t])
        }
    }

    @Test("opinion dynamics is a scenario model: advocates, a persuading meeting, who holds the view by organisation")
    func opinionScenario() throws {
        let text = """
            network: {generate: organisation, parameters: {organisations: 3, teams: 3, team_size: 6}}
            model: {type: opinion-dynamics, susceptibility: 0.8, initial: 0.3}
            seeding: {strategy: degree, count: 5}
            interventions: [{type: event, name: town hall, at: 3, participants: {share: 0.5}, boost: 0.3}]
            horizon: 12
            replicates: 6

            """
        let url = try ScenarioValidationTests.write(text)
        let scenario = try ScenarioLoader.load(url.path)
        let prepared = try scenario.prepare()
        let result = try scenario.model.run(prepared.ensemble, on: prepared.population)
        #expect(scenario.model.tracksCommitment && result.count(.adopted, replicate: 0, step: 0) == 5)
        // The meeting moves the mean opinion up at step 3.
        let before = result.band(step: 2) { result.meanCommitment[$0 * result.steps + 2] }.mean
        let after = result.band(step: 3) { result.meanCommitment[$0 * result.steps + 3] }.mean
        #expect(after > before + 0.1)
        let training = try ScenarioValidationTests.problems(text.replacingOccurrences(of: "type: event, name: town hall", with: "type: training")
            .replacingOccurrences(of: ", boost: 0.3", with: ""), prepare: true)
        #expect(training.count == 1 && training[0].message.contains("training lowers an adoption threshold"))
    }

    @Test("a model or intervention type written with no value is an error at its place, not a trap (hardening B08, B08b)")
    func emptyTypes() throws {
        let network = "network: {generate: gnm, parameters: {n: 10, m: 5}}\n"
        for text in [network + "model:\n  type:\n", network + "model: {type: ~}\n",
                     network + "model: {type: bass, innovation: 0.1, imitation: 0.2}\ninterventions: [{type: ~, at: 1}]\n"] {
            let found = try ScenarioValidationTests.problems(text)
            #expect(found.count == 1 && found[0].message.contains("needs \"type\"") && found[0].origin.line >= 2, "\(found)")
        }
    }
}

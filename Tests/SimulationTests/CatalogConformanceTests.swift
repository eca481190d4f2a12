import Foundation
import Graphs
import NumericCore
import Testing
import TestSupport
@testable import Simulation

/// Every model in the catalog, whatever it is, meets the same bar: it builds from its own example
/// parameters, passes the ensemble invariants (ModelConformanceTests.check), runs with waning
/// commitment unless it keeps its own, and either runs every intervention kind or is refused by
/// validation with a reason and an alternative. A model added to the catalog is covered here
/// without a line of this file changing.
@Suite("Catalog conformance")
struct CatalogConformanceTests {
    static let models = ModelCatalog.all.map { $0.name }

    static func build(_ name: String) throws -> any CatalogModel {
        let type = ModelCatalog.named(name)!
        return try type.init(parameters: CatalogValues(owner: name, type.example))
    }

    /// One of every intervention kind, each needing something different of the model.
    static let interventions: [(String, any Intervention)] = [
        ("seed", SeedIntervention(at: Schedule(at: 2), who: .share(0.05))),
        ("event with ties", NetworkEvent(at: Schedule(at: 3, every: 5), participants: .share(0.2), tiesPerParticipant: 2, adoption: 0.1)),
        ("meeting that boosts", NetworkEvent(at: Schedule(at: 4, every: 4), participants: .adopters, boost: 0.3)),
        ("training", TrainingCohort(at: Schedule(at: 2), participants: .perGroup(attribute: "organisation", count: 5))),
        ("weaving", NetworkWeaving(at: Schedule(at: 5), budget: 10, between: .attribute("organisation"))),
        ("turnover", StaffTurnover(at: Schedule(at: 6, every: 6), share: 0.1, freshTies: 1)),
        ("removal", Removal(at: Schedule(at: 8), who: .share(0.05))),
    ]

    @Test("the catalog names every model once, and each parameter once", arguments: models)
    func describesItself(_ name: String) throws {
        #expect(Self.models.filter { $0 == name }.count == 1)
        let type = ModelCatalog.named(name)!
        #expect(Set(type.parameters.map(\.name)).count == type.parameters.count)
        #expect(!type.summary.isEmpty && type.parameters.allSatisfy { !$0.help.isEmpty })
    }

    @Test("ensemble invariants: reproducible, thread-count invariant, counts add up", arguments: models)
    func invariants(_ name: String) throws {
        try ModelConformanceTests.check(Self.build(name), name: name)
    }

    @Test("with waning commitment practitioners drop out; a model keeping its own commitment refuses it", arguments: models)
    func waning(_ name: String) throws {
        let model = try Self.build(name)
        var ensemble = Ensemble(replicates: 4, horizon: 30, seed: 2, seeding: .random(count: 10))
        ensemble.waning = WaningCommitment(decay: 0.2, dropout: 0.3)
        let population = Population(ModelConformanceTests.network)
        if type(of: model).tracksCommitment {
            #expect(throws: SimulationError.self) { try model.run(ensemble, on: population) }
            return
        }
        let result = try model.run(ensemble, on: population)
        // 0.8^t < 0.3 from t = 6: every seed has dropped out by step 6 unless the model re-adopts it.
        #expect(result.summaries.allSatisfy { $0.lapses >= 10 }, "\(name): seeds did not drop out")
        #expect(result.meanCommitment[0] == 10 / Double(population.count))
    }

    @Test("every intervention kind runs, or validation says why not and what to use instead", arguments: models)
    func everyIntervention(_ name: String) throws {
        let model = try Self.build(name)
        let population = Population(ModelConformanceTests.network)
        for (label, x) in Self.interventions {
            var ensemble = Ensemble(replicates: 3, horizon: 20, seed: 4, seeding: .random(count: 5), interventions: [x])
            if x.needs.contains(.commitment) && !type(of: model).tracksCommitment { ensemble.waning = WaningCommitment(decay: 0.05) }
            do {
                try model.validate(ensemble, on: population)
            } catch let error as SimulationError {
                let text = error.description
                #expect(!x.needs.subtracting(type(of: model).interventionSupport).isEmpty, "\(name) refused \(label): \(text)")
                #expect(text.contains("does not take") && (text.contains("use") || text.contains("add")), "\(name), \(label): \(text)")
                continue
            }
            let result = try model.run(ensemble, on: population)
            #expect(result.interventions.count == x.schedule.times(horizon: 20).count, "\(name), \(label)")
        }
    }

    @Test("every intervention kind describes itself, and is among those every model is tried with")
    func interventionCatalog() throws {
        #expect(Set(Self.interventions.map { type(of: $0.1).kind }) == Set(InterventionCatalog.kinds))
        for kind in InterventionCatalog.all {
            #expect(!kind.summary.isEmpty && kind.parameters.allSatisfy { !$0.help.isEmpty }, "\(kind.kind)")
            #expect(Set(kind.parameters.map(\.name)).isDisjoint(with: InterventionCatalog.scheduleKeys), "\(kind.kind)")
            var values: [String: ParameterValue] = [:]
            for p in kind.parameters where p.required {
                values[p.name] = p.kind == .selection ? .selection(.everyone) : p.kind == .probability ? .number(0.1) : .integer(3)
            }
            let x = try kind.init(name: "probe", schedule: Schedule(at: 1), parameters: CatalogValues(owner: kind.kind, values))
            #expect(x.label == "probe" && x.schedule == Schedule(at: 1))
        }
    }
}

import Foundation
import Graphs
import NumericCore
import Testing
import TestSupport
@testable import Simulation

/// Every model in the catalog, whatever it is, meets the same bar (`ModelConformance` in
/// TestSupport): it builds from its own example parameters, passes the ensemble invariants, runs
/// with waning commitment unless it keeps its own, and either runs every intervention kind or is
/// refused by validation with a reason and an alternative. A model added to the catalog is covered
/// here without a line of this file changing.
@Suite("Catalog conformance")
struct CatalogConformanceTests {
    static let models = ModelCatalog.all.map { $0.name }

    static func build(_ name: String) throws -> any CatalogModel { try ModelConformance.build(ModelCatalog.named(name)!) }

    @Test("the catalog names every model once, and each parameter once", arguments: models)
    func describesItself(_ name: String) throws {
        #expect(Self.models.filter { $0 == name }.count == 1)
        ModelConformance.describesItself(ModelCatalog.named(name)!)
    }

    @Test("ensemble invariants: reproducible, thread-count invariant, counts add up", arguments: models)
    func invariants(_ name: String) throws {
        try ModelConformance.invariants(Self.build(name), name: name)
    }

    @Test("with waning commitment practitioners drop out; a model keeping its own commitment refuses it", arguments: models)
    func waning(_ name: String) throws {
        try ModelConformance.waning(Self.build(name), name: name)
    }

    @Test("every intervention kind runs, or validation says why not and what to use instead", arguments: models)
    func everyIntervention(_ name: String) throws {
        try ModelConformance.everyIntervention(Self.build(name), name: name)
    }

    @Test("replicates that each run their own parameters equal each value run alone, at any thread count", arguments: models)
    func perReplicateModels(_ name: String) throws {
        try ModelConformance.perReplicateModels(ModelCatalog.named(name)!)
    }

    @Test("every intervention kind describes itself, and is among those every model is tried with")
    func interventionCatalog() throws {
        #expect(Set(ModelConformance.interventions.map { type(of: $0.1).kind }) == Set(InterventionCatalog.kinds))
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

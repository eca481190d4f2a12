import Foundation
import Graphs
import NumericCore
import Simulation
import Testing

/// What every model must do, whatever it is — the bar a new model's test file calls. Reproducible
/// and thread-count invariant; counts by state add to n at every step; reach never falls;
/// breakdowns add to the totals; waning commitment makes seeds drop out (unless the model keeps
/// its own commitment, when it is refused); every intervention kind runs, or validation says why
/// not and what to use instead.
public enum ModelConformance {
    /// Four organisations of five teams of ten, with a nurse lead per team.
    public static let network = try! OrganisationNetwork(organisations: 4, teams: 5, teamSize: 10, leaders: ["nurse"]).generate(seed: 3)

    /// A catalog model built from its own example values.
    public static func build(_ type: any CatalogModel.Type) throws -> any CatalogModel {
        try type.init(parameters: CatalogValues(owner: type.name, type.example))
    }

    /// Every check on a catalog entry.
    public static func check(_ type: any CatalogModel.Type) throws {
        describesItself(type)
        let model = try build(type)
        try invariants(model, name: type.name)
        try waning(model, name: type.name)
        try everyIntervention(model, name: type.name)
        try perReplicateModels(type)
    }

    public static func describesItself(_ type: any CatalogModel.Type) {
        #expect(Set(type.parameters.map(\.name)).count == type.parameters.count, "\(type.name): a parameter named twice")
        #expect(!type.summary.isEmpty && type.parameters.allSatisfy { !$0.help.isEmpty }, "\(type.name): undocumented")
    }

    public static func invariants(_ model: any CatalogModel, name: String) throws {
        try invariants(opened: model, name: name)
    }

    /// The ensemble invariants for any model (generic, so the ensemble is specialised for it).
    public static func invariants<M: DiffusionModel>(opened model: M, name: String) throws {
        let population = Population(network)
        let ensemble = Ensemble(replicates: 12, horizon: 25, seed: 9, seeding: .random(count: 5))
        let one = try Compute.withThreads(1) { try ensemble.run(model, on: population) }
        let two = try Compute.withThreads(2) { try ensemble.run(model, on: population) }
        #expect(one.stateCounts == two.stateCounts && one.reach == two.reach && one.summaries == two.summaries,
                "\(name): thread count changed the result")
        let again = try Compute.withThreads(2) { try ensemble.run(model, on: population) }
        #expect(again.stateCounts == two.stateCounts, "\(name): not reproducible")
        let other = try Ensemble(replicates: 12, horizon: 25, seed: 10, seeding: .random(count: 5)).run(model, on: population)
        #expect(other.stateCounts != one.stateCounts, "\(name): the seed changed nothing")
        let n = population.count
        for r in 0..<one.replicates {
            var previousReach = 0
            for t in 0..<one.steps {
                let total = AdoptionState.allCases.reduce(0) { $0 + one.count($1, replicate: r, step: t) }
                #expect(total == n, "\(name): counts add to \(total) at r \(r) t \(t)")
                let reach = Int(one.reach[r * one.steps + t])
                #expect(reach >= previousReach, "\(name): reach fell at r \(r) t \(t)")
                previousReach = reach
                for g in one.groupNames.indices {
                    let adopted = one.groupLevels[g].indices.reduce(0) { $0 + one.groupCount(g, level: $1, .adopted, replicate: r, step: t) }
                    #expect(adopted == one.count(.adopted, replicate: r, step: t), "\(name): breakdown \(one.groupNames[g]) does not add up")
                }
            }
            #expect(one.count(.adopted, replicate: r, step: 0) == 5, "\(name): the five seeds do not practise at step 0")
        }
    }

    /// With waning commitment (20% a step, dropout 0.3) every seed has dropped out by step 6 unless
    /// the model re-adopts it; a model keeping its own commitment refuses the block.
    public static func waning(_ model: any CatalogModel, name: String) throws {
        var ensemble = Ensemble(replicates: 4, horizon: 30, seed: 2, seeding: .random(count: 10))
        ensemble.waning = WaningCommitment(decay: 0.2, dropout: 0.3)
        let population = Population(network)
        if type(of: model).tracksCommitment {
            #expect(throws: SimulationError.self) { try model.run(ensemble, on: population) }
            return
        }
        let result = try model.run(ensemble, on: population)
        #expect(result.summaries.allSatisfy { $0.lapses >= 10 }, "\(name): seeds did not drop out")
        #expect(result.meanCommitment[0] == 10 / Double(population.count), "\(name): seeds do not start fully committed")
    }

    /// One of every intervention kind, each needing something different of the model.
    public static let interventions: [(String, any Intervention)] = [
        ("seed", SeedIntervention(at: Schedule(at: 2), who: .share(0.05))),
        ("event with ties", NetworkEvent(at: Schedule(at: 3, every: 5), participants: .share(0.2), tiesPerParticipant: 2, adoption: 0.1)),
        ("meeting that boosts", NetworkEvent(at: Schedule(at: 4, every: 4), participants: .adopters, boost: 0.3)),
        ("training", TrainingCohort(at: Schedule(at: 2), participants: .perGroup(attribute: "organisation", count: 5))),
        ("weaving", NetworkWeaving(at: Schedule(at: 5), budget: 10, between: .attribute("organisation"))),
        ("turnover", StaffTurnover(at: Schedule(at: 6, every: 6), share: 0.1, freshTies: 1)),
        ("removal", Removal(at: Schedule(at: 8), who: .share(0.05))),
    ]

    public static func everyIntervention(_ model: any CatalogModel, name: String) throws {
        let population = Population(network)
        for (label, x) in interventions {
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

    /// The model's example and the same with one numeric parameter changed (nil: nothing to change).
    static func twoValues<M: CatalogModel>(_ type: M.Type) -> (M, M)? {
        guard let a = try? M(parameters: CatalogValues(owner: M.name, M.example)) else { return nil }
        for p in M.parameters {
            let x: Double
            switch p.kind {
            case .probability, .nonNegative, .probabilityOrWord, .perAgent: x = 0.17
            case .positive: x = 0.5
            default: continue
            }
            var values = M.example
            if case let .number(old)? = values[p.name], old == x { continue }
            values[p.name] = .number(x)
            if let b = try? M(parameters: CatalogValues(owner: M.name, values)) { return (a, b) }
        }
        return nil
    }

    /// Replicates that each run their own value of the model (a calibration's draws, through
    /// `Ensemble.run(each:from:on:)`) give exactly what each value gives in an ensemble of its own at
    /// the same replicate's streams, on any thread count: with no intervention and with every one the
    /// model takes (turnover's newcomers, added ties, training).
    public static func perReplicateModels(_ type: any CatalogModel.Type) throws {
        try perReplicateModels(opened: type)
    }

    static func perReplicateModels<M: CatalogModel>(opened type: M.Type) throws {
        guard let (a, b) = twoValues(type) else { return }
        let population = Population(network)
        let which = [0, 1, 1, 0, 1]
        let models = which.map { $0 == 0 ? a : b }
        for (label, x) in [("no intervention", nil)] + interventions.map({ ($0.0, Optional($0.1)) }) {
            var ensemble = Ensemble(replicates: 1, horizon: 20, seed: 5, seeding: .random(count: 5), interventions: x.map { [$0] } ?? [])
            if let x, x.needs.contains(.commitment) && !M.tracksCommitment { ensemble.waning = WaningCommitment(decay: 0.05) }
            guard (try? ensemble.validate(a, on: population)) != nil else { continue }
            let each = try Compute.withThreads(2) { try ensemble.run(each: models, from: 3, on: population) }
            let eachOne = try Compute.withThreads(1) { try ensemble.run(each: models, from: 3, on: population) }
            #expect(each.stateCounts == eachOne.stateCounts && each.summaries == eachOne.summaries,
                    "\(M.name), \(label): per-replicate models changed with the thread count")
            var alone = ensemble
            alone.replicates = 3 + models.count
            alone.forceFrontierKernel = true
            let own = [try alone.run(a, on: population), try alone.run(b, on: population)]
            let steps = each.steps, width = AdoptionState.allCases.count
            for (i, m) in which.enumerated() {
                let r = 3 + i
                #expect(Array(each.reach[(i * steps)..<((i + 1) * steps)]) == Array(own[m].reach[(r * steps)..<((r + 1) * steps)]),
                        "\(M.name), \(label): replicate \(i) differs from value \(m) run alone at replicate \(r)")
                #expect(Array(each.stateCounts[(i * steps * width)..<((i + 1) * steps * width)])
                        == Array(own[m].stateCounts[(r * steps * width)..<((r + 1) * steps * width)]),
                        "\(M.name), \(label): counts of replicate \(i) differ from value \(m) alone")
                #expect(each.summaries[i] == own[m].summaries[r], "\(M.name), \(label): summary of replicate \(i)")
            }
        }
    }
}

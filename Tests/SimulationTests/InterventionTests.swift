import Foundation
import Graphs
import NumericCore
import Testing
@testable import Simulation

/// Interventions on a timeline: each one's effect on small graphs where the outcome is known
/// exactly, plus reproducibility, clean replicate reuse and errors raised before any work starts.
@Suite("Interventions")
struct InterventionTests {
    /// Two cliques of `size` with no tie between them, organisations "A" and "B" (nodes a0…, b0…).
    static func twoOrganisations(size: Int = 6) -> Graph {
        var edges: [(String, String)] = []
        for prefix in ["a", "b"] {
            for i in 0..<size { for j in (i + 1)..<size { edges.append(("\(prefix)\(i)", "\(prefix)\(j)")) } }
        }
        var g = SimulationFixtures.graph(edges, directed: false)
        g.nodes.setAttribute("organisation", .categorical((0..<g.nodeCount).map { g.nodes.label($0).hasPrefix("a") ? "A" : "B" }))
        return g
    }

    /// The path 0 – 1 – … – (n − 1).
    static func run<M: DiffusionModel>(_ model: M, _ g: Graph, seeds: [String], horizon: Int = 10, replicates: Int = 1,
                                       _ interventions: [any Intervention]) throws -> EnsembleResult {
        try Ensemble(replicates: replicates, horizon: horizon, seed: 4, seeding: .nodes(seeds), interventions: interventions)
            .run(model, on: Population(g))
    }

    @Test func seedingLaterAddsAdoptersAtThatStep() throws {
        let result = try Self.run(IndependentCascade(p: 0), SimulationFixtures.path(10), seeds: ["0"], [
            SeedIntervention(at: Schedule(at: 5), who: .strategy(.nodes(["7", "8"]))),
        ])
        #expect(result.count(.adopted, replicate: 0, step: 4) == 1)
        #expect(result.count(.adopted, replicate: 0, step: 5) == 3)
        #expect(result.interventions == [InterventionOccurrence(kind: "seed", label: "seed", time: 5)])
    }

    @Test func eventTiesCarryTheChangeAcrossOrganisations() throws {
        let g = Self.twoOrganisations()
        let none = try Self.run(IndependentCascade(p: 1), g, seeds: ["a0"], [])
        #expect(none.summaries[0].finalReach == 6)
        // Two from each organisation meet at step 3; every new tie crosses the boundary.
        let sprint = NetworkEvent(name: "sprint", at: Schedule(at: 3), participants: .perGroup(attribute: "organisation", count: 2),
                                  tiesPerParticipant: 2, crossBoundary: 1)
        let result = try Self.run(IndependentCascade(p: 1), g, seeds: ["a0"], [sprint])
        #expect(result.summaries[0].finalReach == 12)
        // A's participants already practise, so each new tie is a fresh exposure at the event:
        // B's two participants adopt at step 3, the rest of B at step 4.
        #expect(result.count(.adopted, replicate: 0, step: 2) == 6)
        #expect(result.count(.adopted, replicate: 0, step: 3) == 8)
        #expect(result.count(.adopted, replicate: 0, step: 4) == 12)
        #expect(result.summaries[0].crossBoundaryShare! > 0)
        #expect(result.interventions.map(\.label) == ["sprint"])
    }

    @Test func sameGroupTiesStayInside() throws {
        // With no cross-boundary preference every new tie stays in its organisation: B never hears.
        let sprint = NetworkEvent(at: Schedule(at: 1), participants: .everyone, tiesPerParticipant: 3, crossBoundary: 0)
        let result = try Self.run(IndependentCascade(p: 1), Self.twoOrganisations(), seeds: ["a0"], [sprint])
        #expect(result.summaries[0].finalReach == 6)
    }

    @Test func tieHalfLifeMatchesItsDefinition() {
        // P(lifetime > h) = 1/2 and P(lifetime > 2h) = 1/4, within 5 binomial SDs of 200 000 ties.
        var rng = Xoshiro256PlusPlus(seed: 1)
        let h = 6.0, count = 200_000
        let lives = (0..<count).map { _ in Double(TieLifetime.halfLife(h).expiry(at: 0, using: &rng)) }
        for (k, p) in [(h, 0.5), (2 * h, 0.25)] {
            let share = Double(lives.filter { $0 > k }.count) / Double(count)
            #expect(abs(share - p) < 5 * (p * (1 - p) / Double(count)).squareRoot(), "P(life > \(k)) = \(share)")
        }
        #expect(lives.min()! >= 1)
    }

    @Test func expiredTiesStopCarrying() throws {
        // An event at step 1 ties everyone across; the ties last one step only (tiny half-life), so a
        // seed planted in A at step 5 cannot reach B.
        let event = NetworkEvent(at: Schedule(at: 1), participants: .everyone, tiesPerParticipant: 3, crossBoundary: 1,
                                 tieLifetime: .halfLife(1e-6), awareness: false)
        let late = SeedIntervention(at: Schedule(at: 5), who: .strategy(.nodes(["a0"])))
        let result = try Self.run(IndependentCascade(p: 1), Self.twoOrganisations(), seeds: [], [event, late])
        #expect(result.summaries[0].finalReach == 6)
    }

    @Test func trainingLowersTheBarButNeedsAContact() throws {
        // The path s – x – y plus a separate pair z – q; s is seeded.
        let g = SimulationFixtures.graph([("s", "x"), ("x", "y"), ("z", "q")], directed: false)
        // A threshold model where x needs both neighbours: θ = 1.
        let strict = LinearThreshold(thresholds: .fixed(1))
        let before = try Self.run(strict, g, seeds: ["s"], [])
        #expect(before.summaries[0].finalReach == 1)
        let trained = try Self.run(strict, g, seeds: ["s"], [TrainingCohort(at: Schedule(at: 2), participants: .strategy(.nodes(["x"])), thresholdFactor: 0.5)])
        // Trained at step 2, x adopts then (one adopting neighbour now suffices); y (1 of 1) at step 3.
        #expect(trained.count(.adopted, replicate: 0, step: 1) == 1)
        #expect(trained.count(.adopted, replicate: 0, step: 2) == 2)
        #expect(trained.summaries[0].finalReach == 3)
        // Training isn't doing: z and q have no adopting contact; even a zero threshold does not make them adopt.
        let everyone = try Self.run(strict, g, seeds: ["s"], [TrainingCohort(at: Schedule(at: 0), participants: .strategy(.nodes(["z", "q"])), thresholdFactor: 0)])
        #expect(everyone.summaries[0].finalReach == 1)
        #expect(everyone.count(.aware, replicate: 0, step: 0) == 2)
    }

    @Test func complexContagionTrainingScalesK() throws {
        // x has three neighbours, two seeded; k = 3 blocks it, trained to k = 2 it adopts.
        let g = SimulationFixtures.graph([("s1", "x"), ("s2", "x"), ("x", "y")], directed: false)
        let model = ComplexContagion(rule: .absolute(3))
        #expect(try Self.run(model, g, seeds: ["s1", "s2"], []).summaries[0].finalReach == 2)
        let cohort = TrainingCohort(at: Schedule(at: 3), participants: .strategy(.nodes(["x"])), thresholdFactor: 2.0 / 3.0)
        let trained = try Self.run(model, g, seeds: ["s1", "s2"], [cohort])
        #expect(trained.summaries[0].finalReach == 3 && trained.count(.adopted, replicate: 0, step: 3) == 3)
    }

    @Test func removingABrokerCutsTheCascade() throws {
        let result = try Self.run(IndependentCascade(p: 1), SimulationFixtures.path(6), seeds: ["0"], [
            Removal(at: Schedule(at: 0), who: .strategy(.nodes(["2"]))),
        ])
        #expect(result.summaries[0].finalReach == 2)
        #expect(result.count(.removed, replicate: 0, step: 10) == 1)
        #expect(result.summaries[0].departures == 1)
        // Top-ranked by betweenness on a path: the middle node.
        let broker = try Self.run(IndependentCascade(p: 1), SimulationFixtures.path(7), seeds: ["0"], [
            Removal(at: Schedule(at: 0), who: .strategy(.betweenness(count: 1))),
        ])
        #expect(broker.summaries[0].finalReach == 3)
    }

    @Test func removedAdoptersStopSpreadingInSIR() throws {
        // Discrete SIR with β = 1, γ = 0: adopters keep pushing. Removing the only adopter at step 0 ends it.
        let result = try Self.run(AdoptionWithAbandonment(transmission: 1, abandonment: 0), SimulationFixtures.path(5), seeds: ["0"], [
            Removal(at: Schedule(at: 0), who: .adopters),
        ])
        #expect(result.summaries[0].finalReach == 1 && result.count(.adopted, replicate: 0, step: 10) == 0)
    }

    @Test func turnoverReplacesTheShareAndLosesAdoption() throws {
        // Everyone adopts at step 0 (p = 0, all seeded); each step half of the posts change hands.
        let g = SimulationFixtures.path(20)
        let all = (0..<20).map(String.init)
        let result = try Self.run(IndependentCascade(p: 0), g, seeds: all, horizon: 3, [
            StaffTurnover(at: Schedule(at: 1, every: 1), share: 0.5),
        ])
        #expect(result.count(.adopted, replicate: 0, step: 1) == 10)
        #expect(result.summaries[0].departures == 30)
        #expect(result.summaries[0].finalReach == 20)  // reach counts posts ever reached
        #expect(result.count(.adopted, replicate: 0, step: 3) <= 10)
    }

    @Test func newcomersBringFreshTiesInTheirOrganisation() throws {
        let g = Self.twoOrganisations()
        let turnover = StaffTurnover(at: Schedule(at: 1), share: 0.5, freshTies: 2)
        let result = try Self.run(IndependentCascade(p: 0), g, seeds: [], horizon: 2, [turnover])
        #expect(result.summaries[0].departures == 6)
    }

    @Test func weavingBridgesOrganisations() throws {
        let g = Self.twoOrganisations()
        let woven = try Self.run(IndependentCascade(p: 1), g, seeds: ["a0"], [NetworkWeaving(at: Schedule(at: 2), budget: 1)])
        #expect(woven.summaries[0].finalReach == 12)
        let broke = try Self.run(IndependentCascade(p: 1), g, seeds: ["a0"], [NetworkWeaving(at: Schedule(at: 2), budget: 0)])
        #expect(broke.summaries[0].finalReach == 6)
        // Linear threshold (θ = 0.1: one contact of six suffices) reads woven ties too.
        let lt = try Self.run(LinearThreshold(thresholds: .fixed(0.1)), g, seeds: ["a0"], [NetworkWeaving(at: Schedule(at: 2), budget: 1, connectors: true)])
        #expect(lt.summaries[0].finalReach == 12)
    }

    @Test func periodicMeetingsHappenOnSchedule() {
        let schedule = Schedule(at: 2, every: 6, until: 20)
        #expect(schedule.times(horizon: 30) == [2, 8, 14, 20])
        #expect(schedule.happens(at: 14) && !schedule.happens(at: 15) && !schedule.happens(at: 26))
    }

    @Test func reusedWorkspacesStartEachReplicateClean() throws {
        // Deterministic dynamics (LT with fixed θ, fixed seeds): every replicate must come out the
        // same even though one worker reuses its workspace after training, removal and new ties.
        // Two organisations, so weaving has one pair to serve and its choices do not depend on the stream.
        let network = try OrganisationNetwork(organisations: 2, teams: 3, teamSize: 8).generate(seed: 2)
        let population = Population(network)
        let timeline: [any Intervention] = [
            TrainingCohort(at: Schedule(at: 1), participants: .strategy(.degree(count: 10)), thresholdFactor: 0.3),
            Removal(at: Schedule(at: 2), who: .strategy(.pagerank(count: 3))),
            NetworkWeaving(at: Schedule(at: 3), budget: 5, connectors: true),
        ]
        let ensemble = Ensemble(replicates: 6, horizon: 12, seed: 1, seeding: .degree(count: 4), interventions: timeline)
        let result = try Compute.withThreads(1) { try ensemble.run(LinearThreshold(thresholds: .fixed(0.3)), on: population) }
        let width = AdoptionState.count * result.steps
        for r in 1..<result.replicates {
            #expect(Array(result.stateCounts[(r * width)..<((r + 1) * width)]) == Array(result.stateCounts[0..<width]))
        }
    }

    @Test func interventionsAreThreadCountInvariant() throws {
        let network = try OrganisationNetwork(organisations: 4, teams: 4, teamSize: 10).generate(seed: 5)
        let population = Population(network)
        let timeline: [any Intervention] = [
            NetworkEvent(at: Schedule(at: 2, every: 4), participants: .perGroup(attribute: "organisation", count: 5),
                         tiesPerParticipant: 3, crossBoundary: 0.8, tieLifetime: .halfLife(4), adoption: 0.2),
            TrainingCohort(at: Schedule(at: 1), participants: .share(0.2)),
            StaffTurnover(at: Schedule(at: 3, every: 3), share: 0.05, freshTies: 2),
        ]
        let ensemble = Ensemble(replicates: 10, horizon: 20, seed: 3, seeding: .random(count: 4), interventions: timeline)
        for model in [LinearThreshold(thresholds: .uniform)] {
            let one = try Compute.withThreads(1) { try ensemble.run(model, on: population) }
            let two = try Compute.withThreads(2) { try ensemble.run(model, on: population) }
            #expect(one.stateCounts == two.stateCounts && one.summaries == two.summaries)
            for r in 0..<one.replicates {
                for t in 0..<one.steps {
                    #expect(AdoptionState.allCases.reduce(0) { $0 + one.count($1, replicate: r, step: t) } == population.count)
                }
            }
        }
        var untrained = ensemble
        untrained.interventions.remove(at: 1)
        let ic = try Compute.withThreads(1) { try untrained.run(IndependentCascade(p: 0.05), on: population) }
        let ic2 = try Compute.withThreads(2) { try untrained.run(IndependentCascade(p: 0.05), on: population) }
        #expect(ic.stateCounts == ic2.stateCounts)
    }

    @Test func badTimelinesAreRefusedBeforeAnyWork() {
        let g = Self.twoOrganisations()
        let population = Population(g)
        func error(_ model: some DiffusionModel, _ x: any Intervention) -> SimulationError? {
            do {
                _ = try Ensemble(replicates: 1, horizon: 10, seeding: .random(count: 1), interventions: [x]).run(model, on: population)
                return nil
            } catch { return error as? SimulationError }
        }
        let late = error(IndependentCascade(p: 0.1), SeedIntervention(at: Schedule(at: 11), who: .everyone))
        #expect(late == .afterHorizon(what: "interventions[0] (seed)", time: 11, horizon: 10))
        let share = error(IndependentCascade(p: 0.1), NetworkEvent(at: Schedule(at: 1), participants: .share(1.5)))
        #expect(share?.description.contains("share = 1.5") == true)
        let training = error(IndependentCascade(p: 0.1), TrainingCohort(at: Schedule(at: 1), participants: .everyone))
        #expect(training?.description.contains("use one that has: linear-threshold, complex-contagion, commitment") == true)
        let ties = error(ContinuousTimeSIR(transmissionRate: 1, abandonmentRate: 1),
                         NetworkEvent(at: Schedule(at: 1), participants: .everyone, tiesPerParticipant: 2))
        #expect(ties?.description.contains("added ties") == true)
        let attribute = error(IndependentCascade(p: 0.1), NetworkEvent(at: Schedule(at: 1), participants: .perGroup(attribute: "role", count: 2)))
        #expect(attribute == .invalidIntervention("interventions[0] (event)", .unknownAttribute("role", available: ["organisation"])))
        let every = error(IndependentCascade(p: 0.1), SeedIntervention(at: Schedule(at: 1, every: 0), who: .everyone))
        #expect(every?.description.contains("every") == true)
    }
}

import Foundation
import NumericCore
import Tables
import Graphs
import Simulation

/// Reads scenario files: YAML or JSON, `extends:` chains (paths relative to the file, overrides
/// merged key by key), `--set path=value` overrides; then decodes and checks everything it can.
public enum ScenarioLoader {
    /// The document of `path` with its `extends:` chain applied.
    public static func document(_ path: String) throws -> ScenarioValue {
        try document(URL(fileURLWithPath: path).standardizedFileURL, chain: [])
    }

    static func document(_ url: URL, chain: [String]) throws -> ScenarioValue {
        guard !chain.contains(url.path) else { throw ScenarioError.extendsCycle(chain + [url.path]) }
        let text: String
        do {
            let data = try Data(contentsOf: url)
            guard let s = String(data: data, encoding: .utf8) else { throw ScenarioError.unreadable(file: url.path, reason: "not UTF-8 text") }
            text = s
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError.unreadable(file: url.path, reason: (error as NSError).localizedDescription)
        }
        let doc = try ScenarioValue.parse(text, file: displayPath(url))
        guard let base = doc["extends"] else { return doc }
        guard case let .scalar(basePath, origin) = base else {
            throw ScenarioError.invalid([Diagnostic(base.origin, "extends must be the path of a base scenario file")])
        }
        let baseURL = URL(fileURLWithPath: basePath, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
        guard FileManager.default.fileExists(atPath: baseURL.path) else {
            throw ScenarioError.invalid([Diagnostic(origin, "extends: no such file \(baseURL.path)", hint: "the path is relative to this file's folder")])
        }
        let baseDocument = try document(baseURL, chain: chain + [url.path])
        guard case .mapping = baseDocument else {
            throw ScenarioError.invalid([Diagnostic(origin, "extends: \(displayPath(baseURL)) is not a scenario file",
                                                    hint: "a base scenario is a mapping of scenario keys such as network: and model:")])
        }
        return doc.removing("extends").overlaid(on: baseDocument.removing("name"))
    }

    /// Paths in messages as the user is likely to have typed them: relative to the working directory when inside it.
    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
    }

    /// A `path=value` override as a document edit; the value is read as YAML (so lists work).
    public static func override(_ assignment: String, into doc: ScenarioValue) throws -> ScenarioValue {
        // Messages name the override; a very long one by its start.
        let shown = assignment.count > 120 ? String(assignment.prefix(100)) + "… (\(assignment.count) characters)" : assignment
        let origin = ScenarioValue.Origin(file: "--set \(shown)", line: 0, column: 0)
        guard let eq = assignment.firstIndex(of: "=") else {
            throw ScenarioError.invalid([Diagnostic(origin, "expected path=value, e.g. model.p=0.1")])
        }
        let path = String(assignment[..<eq]).trimmingCharacters(in: .whitespaces)
        let text = String(assignment[assignment.index(after: eq)...])
        let parsed = (try? ScenarioValue.parse(text, file: origin.file)) ?? .scalar(text, origin)
        return try doc.setting(path, to: restamp(parsed, origin))
    }

    static func restamp(_ v: ScenarioValue, _ origin: ScenarioValue.Origin) -> ScenarioValue {
        switch v {
        case let .scalar(s, _): return .scalar(s, origin)
        case .null: return .null(origin)
        case let .sequence(items, _): return .sequence(items.map { restamp($0, origin) }, origin)
        case let .mapping(entries, _):
            return .mapping(entries.map { .init(key: $0.key, keyOrigin: origin, value: restamp($0.value, origin)) }, origin)
        }
    }

    /// Decodes a resolved document; every structural problem is reported together.
    public static func decode(_ doc: ScenarioValue, file: String) throws -> Scenario {
        var decoder = ScenarioDecoder(directory: URL(fileURLWithPath: file).deletingLastPathComponent())
        let scenario = decoder.decode(doc, file: file)
        if !decoder.d.isEmpty { throw ScenarioError.invalid(decoder.d) }
        guard let scenario else {
            // Every path that gives up should have said why; never trap if one did not.
            throw ScenarioError.invalid([Diagnostic(doc.origin, "the scenario could not be read", hint: "check model, network and interventions")])
        }
        return scenario
    }

    /// Loads a scenario file and prepares it against its network: the pipeline's first two steps.
    public static func prepare(_ path: String, overrides: [String] = []) throws -> PreparedScenario {
        try load(path, overrides: overrides).prepare()
    }

    /// Loads, resolves, overrides and decodes a scenario file.
    public static func load(_ path: String, overrides: [String] = []) throws -> Scenario {
        var doc = try document(path)
        for assignment in overrides { doc = try override(assignment, into: doc) }
        var scenario = try decode(doc, file: path)
        // Seed and replicates are the manifest's own fields; the rest is what remakes the run.
        scenario.overrides = overrides.filter { !$0.hasPrefix("seed=") && !$0.hasPrefix("replicates=") }
        return scenario
    }
}

/// A scenario with its network built and everything checked against it: ready to run. The seeds
/// and interventions prepared while checking are kept, so running does not rank or pool again.
public struct PreparedScenario: Sendable {
    public let scenario: Scenario
    public let graph: Graph
    public let population: Population
    /// Seconds spent building the network.
    public let networkSeconds: Double
    let seeding: SeedingStrategy.Prepared
    let interventions: [any Intervention]
    /// What the summary and report warn of before the run (per-group counts capped by a group's size).
    public var warnings: [String] = []

    /// The simulator's configuration, with the prepared seeds and interventions (and per-agent
    /// adoption times when the network is drawn: the drawing colours people by them).
    public var ensemble: Ensemble {
        var e = scenario.ensemble
        e.preparedSeeding = seeding
        e.interventions = interventions
        e.recordAgents = scenario.recordAgents || drawsNetwork
        return e
    }

    /// Runs the ensemble as prepared: the one run step that `skein run`, `skein sweep` and `skein bench`
    /// share (load → prepare → run → write). `recordAgents: false` skips per-agent adoption times
    /// (sweeps store summaries only).
    public func run(progress: (@Sendable (Int) -> Void)? = nil, recordAgents: Bool? = nil) throws -> EnsembleResult {
        var e = ensemble
        e.progress = progress
        if let recordAgents { e.recordAgents = recordAgents }
        return try scenario.model.run(e, on: population)
    }

    /// The write step: every output of `result` into `dir`, which appears complete or not at all
    /// (written in a staging folder, renamed into place). `extras` adds files to the staging folder
    /// before it moves (the report). Returns the manifest's JSON.
    @discardableResult
    public func write(_ result: EnsembleResult, to dir: URL, force: Bool, timings: RunWriter.Timings, threads: Int,
                      extras: (URL) throws -> Void = { _ in }) throws -> Data {
        try AtomicFolder.write(dir, force: force) { staging in
            let manifest = try RunWriter.write(result, self, to: staging, timings: timings, threads: threads)
            try extras(staging)
            return manifest
        }
    }

    /// Seconds the simulation will take on `threads`, measured rather than guessed: one replicate of
    /// the first steps (at most `pilotSteps`) is run on one thread and timed — its results are thrown
    /// away, and it draws the streams replicate 0 draws anyway, so nothing the run writes changes —
    /// then scaled to every step and replicate, the replicates shared among the threads.
    public func estimatedSeconds(threads: Int, pilotSteps: Int = 200) throws -> Double {
        var e = ensemble
        e.replicates = 1
        e.recordAgents = false
        e.progress = nil
        let steps = min(scenario.horizon, pilotSteps)
        var pilot = e
        pilot.horizon = steps
        let start = DispatchTime.now().uptimeNanoseconds
        var measured = steps
        do {
            _ = try Compute.withThreads(1) { try scenario.model.run(pilot, on: population) }
        } catch {
            // An intervention past the pilot's steps: the whole replicate, then.
            measured = scenario.horizon
            _ = try Compute.withThreads(1) { try scenario.model.run(e, on: population) }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let perReplicate = seconds * Double(scenario.horizon + 1) / Double(measured + 1)
        return perReplicate * Double(scenario.replicates) / Double(max(1, min(threads, scenario.replicates)))
    }

    /// Whether `skein run` lays out the network and writes it for the report.
    public var drawsNetwork: Bool { scenario.drawNetwork ?? (graph.nodeCount <= NetworkDrawingLimit.nodes) }
    /// Whether it writes the network by group instead (too many people to draw one by one, and not `outputs.network: false`).
    public var drawsGroups: Bool { !drawsNetwork && scenario.drawNetwork == nil }
}

extension Scenario {
    /// Builds the network and checks what needs it (attributes, values, node labels, seed counts,
    /// what the model can take); all problems at once, each at its place in the file.
    public func prepare(network built: Graph? = nil) throws -> PreparedScenario {
        let start = DispatchTime.now().uptimeNanoseconds
        let graph: Graph
        do {
            graph = try built ?? network.build()
        } catch {
            throw ScenarioError.invalid([Diagnostic(origins["network"] ?? ScenarioValue.Origin(file: file, line: 0, column: 0), "network: \(error)")])
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let population = Population(graph)
        var d: [Diagnostic] = []
        let top = ScenarioValue.Origin(file: file, line: 1, column: 1)
        func check(_ origin: ScenarioValue.Origin?, _ what: String?, _ body: () throws -> Void) {
            do { try body() } catch { d.append(Diagnostic(origin ?? top, what.map { "\($0): \(error)" } ?? "\(error)")) }
        }
        check(origins["model"], "model") { try model.validate(population, ensemble: ensemble) }
        var preparedSeeding: SeedingStrategy.Prepared?
        check(resolved["seeding"]?.origin, "seeding") { preparedSeeding = try seeding.prepare(population, seed: seed) }
        if let names = breakdown {
            for name in names where !Ensemble.isDerived(name, in: population) {
                check(resolved["outputs"]?.origin, "outputs.breakdown") { _ = try population.group(name) }
            }
            if names.contains(where: { $0 == Ensemble.committedAttribute && Ensemble.isDerived($0, in: population) }), !tracksCommitment {
                d.append(Diagnostic(resolved["outputs"]?.origin ?? top, "outputs.breakdown: committed needs commitment, which the \(model.name) "
                    + "model does not keep without it", hint: "add waning commitment (commitment: {decay: 0.05}) or use the commitment model"))
            }
        }
        var preparedInterventions: [any Intervention] = []
        for (i, x) in interventions.enumerated() {
            check(interventionOrigins[i], nil) {
                try [x].validate(population, horizon: horizon, support: model.interventionSupport(waning: waning != nil), model: model.name,
                                 firstIndex: i)
                do {
                    preparedInterventions.append(try x.prepared(population, seed: seed))
                } catch {
                    throw SimulationError.invalidIntervention("interventions[\(i)] (\(x.label))", error as? SimulationError ?? .unsupported("\(error)"))
                }
            }
        }
        guard d.isEmpty, let preparedSeeding else { throw ScenarioError.invalid(d) }
        var prepared = PreparedScenario(scenario: self, graph: graph, population: population, networkSeconds: seconds,
                                        seeding: preparedSeeding, interventions: preparedInterventions)
        for (i, x) in interventions.enumerated() {
            guard case let .perGroup(attribute, count, _)? = x.chosen else { continue }
            let short = x.chosen!.shortfalls(population)
            guard !short.isEmpty else { continue }
            let list = short.prefix(5).map { "\($0.level) has \($0.size)" }.joined(separator: ", ") + (short.count > 5 ? ", …" : "")
            prepared.warnings.append("interventions[\(i)] (\(x.label)) asks for \(count) per \(attribute), but \(short.count) of the groups "
                + "are smaller (\(list)): they send everyone they have, so fewer take part than the count says.")
        }
        return prepared
    }
}

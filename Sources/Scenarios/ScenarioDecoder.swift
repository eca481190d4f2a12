import Foundation
import Graphs
import Simulation

/// Turns a resolved scenario document into a `Scenario`, reporting every problem it can find
/// without the network (types, ranges, unknown keys, interventions after the horizon).
struct ScenarioDecoder {
    var d: [Diagnostic] = []
    var origins: [String: ScenarioValue.Origin] = [:]
    let directory: URL

    static let topKeys = ["name", "description", "extends", "network", "model", "seeding", "interventions", "horizon",
                          "replicates", "seed", "outputs", "sweep", "commitment",
                          "question", "assumptions", "step_unit", "compare", "calibration"]

    mutating func decode(_ doc: ScenarioValue, file: String) -> Scenario? {
        guard var top = FieldReader(doc, path: "", &d) else { return nil }
        let name = top.string("name", &d) ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let description = top.string("description", &d)
        let question = top.string("question", &d)
        let assumptions = top.strings("assumptions", &d) ?? []
        let stepUnit = top.string("step_unit", &d)
        _ = top.value("extends")  // resolved by the loader
        let horizon = top.int("horizon", &d, min: 0, max: 1_000_000) ?? 52
        let replicates = top.int("replicates", &d, min: 1, max: 10_000_000) ?? 100
        let seed = top.int("seed", &d, min: 0).map(UInt64.init) ?? 1
        let network = top.required("network", &d, hint: "e.g. network: {generate: organisation, parameters: {organisations: 4}}")
            .flatMap { decodeNetwork($0, seed: seed) }
        let model = top.required("model", &d, hint: "e.g. model: {type: independent-cascade, p: 0.05}").flatMap { decodeModel($0) }
        let seeding = top.value("seeding").flatMap { decodeSeeding($0, path: "seeding") } ?? .random(count: 1)
        var interventions: [any Intervention] = []
        var interventionOrigins: [ScenarioValue.Origin] = []
        if let list = top.value("interventions") {
            if case let .sequence(items, _) = list {
                for (i, item) in items.enumerated() {
                    let path = "interventions[\(i)]"
                    if let x = decodeIntervention(item, path: path, horizon: horizon) {
                        interventions.append(x)
                        interventionOrigins.append(item.origin)
                    }
                }
            } else {
                d.append(Diagnostic(list.origin, "interventions must be a list", hint: "start each intervention with \"- type: …\""))
            }
        }
        var breakdown: [String]?
        var recordAgents = false
        var recordReplicates = false
        var drawNetwork: Bool?
        if let outputs = top.value("outputs"), var o = FieldReader(outputs, path: "outputs", &d) {
            breakdown = o.strings("breakdown", &d)
            recordAgents = o.bool("agents", &d) ?? false
            recordReplicates = o.bool("replicates", &d) ?? false
            if let v = o.value("network"), case let .scalar(s, _) = v, s == "auto" { drawNetwork = nil } else { drawNetwork = o.bool("network", &d) }
            o.finish(&d)
        }
        let waning = top.value("commitment").flatMap { decodeWaning($0) }
        let sweep = top.value("sweep").flatMap { decodeSweep($0) }
        let comparison = top.value("compare").map { decodeComparison($0) } ?? .automatic
        if let calibration = top.value("calibration") { decodeCalibration(calibration) }
        top.finish(&d)
        guard let model, let network else { return nil }
        var scenario = Scenario(name: name, description: description, network: network, model: model, seeding: seeding,
                                interventions: interventions, interventionOrigins: interventionOrigins, horizon: horizon,
                                replicates: replicates, seed: seed, breakdown: breakdown, waning: waning, recordAgents: recordAgents,
                                recordReplicates: recordReplicates, drawNetwork: drawNetwork, sweep: sweep,
                                resolved: doc, file: file, origins: origins)
        scenario.question = question
        scenario.assumptions = assumptions
        if let stepUnit, !stepUnit.trimmingCharacters(in: .whitespaces).isEmpty { scenario.stepUnit = stepUnit }
        scenario.comparison = comparison
        return scenario
    }

    // MARK: Comparison

    /// `compare: none`, a list of arms, or `{arms: [...], automatic: false}`. An arm is
    /// `{name, set: {path: value}, without: [intervention names]}`; what its changes make is
    /// decoded (and checked) when the arm is built.
    mutating func decodeComparison(_ v: ScenarioValue) -> Comparison {
        let hint = "e.g. compare: [{name: sprint without mixed tables, set: {interventions[two-day sprint].ties_per_participant: 0}}], or compare: none"
        if case let .scalar(s, origin) = v {
            if s == "none" { return .none }
            d.append(Diagnostic(origin, "compare must be none or a list of arms (got \"\(s)\")", hint: hint))
            return .automatic
        }
        var items: [ScenarioValue] = []
        var automatic = true
        switch v {
        case let .sequence(list, _): items = list
        case .mapping:
            guard var r = FieldReader(v, path: "compare", &d) else { return .automatic }
            automatic = r.bool("automatic", &d) ?? true
            if let arms = r.value("arms") {
                if case let .sequence(list, _) = arms { items = list } else { d.append(Diagnostic(arms.origin, "compare.arms must be a list of arms", hint: hint)) }
            }
            r.finish(&d)
        default:
            d.append(Diagnostic(v.origin, "compare must be none or a list of arms", hint: hint))
            return .automatic
        }
        var arms: [Comparison.Arm] = []
        var names = Set<String>()
        for (i, item) in items.enumerated() {
            let path = "compare[\(i)]"
            guard var r = FieldReader(item, path: path, &d) else { continue }
            defer { r.finish(&d) }
            guard let name = r.required("name", &d, hint: "each arm needs a name, e.g. name: without the sprint")
                .flatMap({ FieldReader.string($0, "\(path).name", &d) }) else { continue }
            guard name != "base", names.insert(name.lowercased()).inserted else {
                d.append(Diagnostic(item.origin, "\(path).name: \"\(name)\" is used twice (or is \"base\", the scenario itself)"))
                continue
            }
            var arm = Comparison.Arm(name: name, origin: item.origin)
            if let set = r.value("set"), var sr = FieldReader(set, path: "\(path).set", &d) {
                for entry in sr.entries {
                    _ = sr.value(entry.key)
                    arm.assignments.append((entry.key, entry.value))
                }
                sr.finish(&d)
            }
            if let without = r.value("without") {
                if case let .scalar(s, _) = without, s == "all" {
                    arm.withoutAll = true
                } else if case let .sequence(list, _) = without {
                    arm.without = list.compactMap { FieldReader.string($0, "\(path).without", &d) }
                } else if let s = FieldReader.string(without, "\(path).without", &d) {
                    arm.without = [s]
                }
            }
            if arm.assignments.isEmpty && arm.without.isEmpty && !arm.withoutAll {
                d.append(Diagnostic(item.origin, "\(path) (\(name)) changes nothing", hint: "give set: {path: value} or without: [intervention name]"))
            }
            arms.append(arm)
        }
        return .arms(arms, automatic: automatic)
    }

    // MARK: Network

    mutating func decodeNetwork(_ v: ScenarioValue, seed: UInt64) -> NetworkSpec? {
        guard var r = FieldReader(v, path: "network", &d) else { return nil }
        origins["network"] = v.origin
        defer { r.finish(&d) }
        if let model = r.string("generate", &d) {
            var parameters: [String: String] = [:]
            if let p = r.value("parameters"), var pr = FieldReader(p, path: "network.parameters", &d) {
                for entry in pr.entries {
                    switch entry.value {
                    case let .scalar(s, _): parameters[entry.key] = s
                    case let .sequence(items, _):
                        // Lists (organisation names, professions) as the generators' comma-separated text.
                        parameters[entry.key] = items.compactMap { FieldReader.string($0, "network.parameters.\(entry.key)", &d) }.joined(separator: ",")
                    default: d.append(Diagnostic(entry.value.origin, "network.parameters.\(entry.key) must be a value or a list"))
                    }
                    _ = pr.value(entry.key)
                }
                origins["network.parameters"] = p.origin
            }
            let networkSeed = r.int("seed", &d, min: 0).map(UInt64.init) ?? seed
            return .generate(model: model, parameters: parameters, seed: networkSeed)
        }
        if let file = r.string("file", &d) {
            let edges = resolve(file)
            var nodes: URL?
            if let n = r.string("nodes", &d) { nodes = resolve(n) }
            let directed = r.bool("directed", &d) ?? false
            for (key, url) in [("file", Optional(edges)), ("nodes", nodes)] {
                guard let url, !FileManager.default.fileExists(atPath: url.path) else { continue }
                d.append(Diagnostic(r.entries.first { $0.key == key }!.value.origin, "network.\(key): no such file \(url.path)",
                                    hint: "paths are relative to the scenario file's folder"))
            }
            var reading = NetworkFileSettings()
            if let format = r.string("format", &d) {
                do {
                    reading.format = try NetworkFormatCatalog.named(format).name
                } catch {
                    d.append(Diagnostic(r.entries.first { $0.key == "format" }!.value.origin, "network.format: \(error)"))
                }
            }
            reading.nodesSheet = r.string("nodes_sheet", &d)
            reading.edgesSheet = r.string("edges_sheet", &d)
            if let survey = r.value("survey") {
                reading.survey = decodeSurvey(survey)
                if reading.format == nil { reading.format = SurveyFormat.name }
            }
            return .file(edges: edges, nodes: nodes, directed: directed, reading: reading)
        }
        d.append(Diagnostic(v.origin, "network needs \"generate\" (a generator name) or \"file\" (an edge list or graph file)",
                            hint: "generators: organisation, barabasi-albert, watts-strogatz, erdos-renyi, sbm, lfr, configuration, gnm"))
        return nil
    }

    /// `survey: {respondent, group, match, names, keep_unsurveyed, layers: {advice: [net1_*], …}}`.
    mutating func decodeSurvey(_ v: ScenarioValue) -> SurveyOptions {
        var options = SurveyOptions()
        guard var r = FieldReader(v, path: "network.survey", &d) else { return options }
        defer { r.finish(&d) }
        options.respondent = r.string("respondent", &d)
        options.group = r.string("group", &d)
        options.names = r.string("names", &d)
        if let match = r.choice("match", SurveyOptions.Matching.allCases.map(\.rawValue), &d) {
            options.matching = SurveyOptions.Matching(rawValue: match) ?? .id
        }
        options.keepUnsurveyed = r.bool("keep_unsurveyed", &d) ?? false
        if let nominees = r.strings("nominees", &d) { options.layers.append(.init(name: "", columns: nominees)) }
        if let layers = r.value("layers"), var lr = FieldReader(layers, path: "network.survey.layers", &d) {
            for entry in lr.entries {
                if let columns = lr.strings(entry.key, &d) { options.layers.append(.init(name: entry.key, columns: columns)) }
            }
            lr.finish(&d)
        }
        return options
    }

    func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path).standardizedFileURL
    }

    // MARK: Model

    /// Reads `model:` by the chosen model's own parameter descriptions (`ModelCatalog`).
    mutating func decodeModel(_ v: ScenarioValue) -> ModelSpec? {
        guard var r = FieldReader(v, path: "model", &d) else { return nil }
        origins["model"] = v.origin
        defer { r.finish(&d) }
        let names = ModelCatalog.names
        guard let type = r.value("type").flatMap({ t in FieldReader.string(t, "model.type", &d).flatMap {
            FieldReader.choice($0, at: t.origin, "model.type", names, &d) } }), let entry = ModelCatalog.named(type) else {
            // Absent, or written with no value (`type:`, `type: ~`): either way the model is not named.
            if r.value("type") == nil { d.append(Diagnostic(v.origin, "model needs \"type\"", hint: "one of: \(names.joined(separator: ", "))")) }
            return nil
        }
        guard let values = parameters(entry.parameters, from: &r, path: "model", owner: type) else { return nil }
        do {
            return ModelSpec(try entry.init(parameters: CatalogValues(owner: type, values)), values: values)
        } catch {
            d.append(Diagnostic(v.origin, "model: \(error)"))
            return nil
        }
    }

    /// The values of a catalog entry's parameters from its mapping, each checked against its kind;
    /// nil (after diagnostics) when one is missing or wrong.
    mutating func parameters(_ list: [CatalogParameter], from r: inout FieldReader, path: String, owner: String) -> [String: ParameterValue]? {
        var values: [String: ParameterValue] = [:]
        var complete = true
        for parameter in list {
            guard let value = r.value(parameter.name) else {
                if parameter.required {
                    d.append(Diagnostic(r.origin, "\(owner) needs \"\(parameter.name)\"", hint: "\(parameter.expected): \(parameter.help)"))
                    complete = false
                }
                continue
            }
            if let x = parameterValue(value, parameter, path: "\(path).\(parameter.name)") { values[parameter.name] = x } else { complete = false }
        }
        return complete ? values : nil
    }

    /// One parameter's value, checked against its kind; nil after a diagnostic.
    mutating func parameterValue(_ v: ScenarioValue, _ p: CatalogParameter, path: String) -> ParameterValue? {
        switch p.kind {
        case .text: return FieldReader.string(v, path, &d).map { .text($0) }
        case .texts:
            if case let .sequence(items, _) = v {
                let texts = items.compactMap { FieldReader.string($0, path, &d) }
                return texts.count == items.count ? .texts(texts) : nil
            }
            return FieldReader.string(v, path, &d).map { .texts([$0]) }
        case .selection: return decodeSelection(v, path: path).map { .selection($0) }
        case .probability: return FieldReader.double(v, path, &d, .probability).map { .number($0) }
        case .nonNegative: return FieldReader.double(v, path, &d, .nonNegative).map { .number($0) }
        case .positive: return FieldReader.double(v, path, &d, .positive).map { .number($0) }
        case let .integer(min): return FieldReader.int(v, path, &d, min: min).map { .integer($0) }
        case .flag: return FieldReader.bool(v, path, &d).map { .flag($0) }
        case let .probabilityOrWord(words), let .perAgent(words):
            if case let .scalar(s, _) = v, words.contains(s) { return .word(s) }
            if case .perAgent = p.kind, case .mapping = v {
                guard var a = FieldReader(v, path: path, &d) else { return nil }
                defer { a.finish(&d) }
                let name = a.required("attribute", &d).flatMap { FieldReader.string($0, "\(path).attribute", &d) }
                let fallback = a.double("fallback", &d, .probability) ?? 0.5
                return name.map { .attribute($0, fallback: fallback) }
            }
            if case let .scalar(s, _) = v, Double(s) == nil {
                d.append(Diagnostic(v.origin, "\(path) = \(s) is not known", hint: p.expected))
                return nil
            }
            return FieldReader.double(v, path, &d, .probability).map { .number($0) }
        }
    }

    /// `commitment: {decay, reinforcement, dropout, initial}`: waning commitment with any adoption model.
    mutating func decodeWaning(_ v: ScenarioValue) -> WaningCommitment? {
        guard var r = FieldReader(v, path: "commitment", &d) else { return nil }
        defer { r.finish(&d) }
        let decay = r.required("decay", &d, hint: "share of commitment lost per step, e.g. 0.05").flatMap {
            FieldReader.double($0, "commitment.decay", &d, .probability) }
        let alpha = r.double("reinforcement", &d, .nonNegative) ?? 0
        let dropout = r.double("dropout", &d, .probability) ?? 0.2
        let initial = r.double("initial", &d, .probability) ?? 1
        if dropout >= initial, let o = r.entries.first(where: { $0.key == "dropout" })?.value.origin {
            d.append(Diagnostic(o, "commitment.dropout = \(dropout) is not below the commitment on adopting (initial = \(initial))",
                                hint: "practitioners drop out when commitment falls below dropout"))
        }
        guard let decay else { return nil }
        return WaningCommitment(decay: decay, reinforcement: alpha, dropout: dropout, initial: initial)
    }

    // MARK: Seeding and selections

    static var strategies: [String] { SeedingCatalog.names }

    mutating func decodeSeeding(_ v: ScenarioValue, path: String) -> SeedingStrategy? {
        guard var r = FieldReader(v, path: path, &d) else { return nil }
        defer { r.finish(&d) }
        return seedingFields(&r, path: path)
    }

    /// The seeding keys of a mapping (shared by `seeding:` and `participants: {strategy: …}`), read
    /// by the chosen strategy's own parameter descriptions (`SeedingCatalog`). `nodes:` or
    /// `attribute:` alone name their strategy.
    mutating func seedingFields(_ r: inout FieldReader, path: String) -> SeedingStrategy? {
        let named = r.choice("strategy", Self.strategies, &d)
        guard let name = named ?? (r.has("strategy") ? nil : r.has("nodes") ? NamedSeeding.name : r.has("attribute") ? AttributeSeeding.name : nil),
              let entry = SeedingCatalog.named(name) else {
            if !r.has("strategy") { d.append(Diagnostic(r.origin, "\(path) needs \"strategy\"", hint: "one of: \(Self.strategies.joined(separator: ", "))")) }
            return nil
        }
        let owner = "\(path): strategy \(name)"
        guard let values = parameters(entry.parameters, from: &r, path: path, owner: owner) else { return nil }
        do {
            return SeedingStrategy(try entry.init(parameters: CatalogValues(owner: owner, values)))
        } catch {
            d.append(Diagnostic(r.origin, "\(path): \(error)"))
            return nil
        }
    }

    /// `everyone`, `adopters`, `{share: 0.1}`, `{per: organisation, count: 15}`, or seeding keys.
    mutating func decodeSelection(_ v: ScenarioValue, path: String) -> Selection? {
        if case let .scalar(s, o) = v {
            switch s {
            case "everyone": return .everyone
            case "adopters", "active": return .adopters
            case "trained": return .trained
            default:
                d.append(Diagnostic(o, "\(path) \"\(s)\" is not known", hint: "everyone, adopters (or active), trained, {share: 0.1}, {per: organisation, count: 15} or {strategy: degree, count: 10}"))
                return nil
            }
        }
        guard var r = FieldReader(v, path: path, &d) else { return nil }
        defer { r.finish(&d) }
        if let share = r.double("share", &d, .probability) { return .share(share) }
        if let per = r.string("per", &d) {
            let count = r.required("count", &d).flatMap { FieldReader.int($0, "\(path).count", &d, min: 0) }
            let values = r.strings("values", &d)
            return count.map { .perGroup(attribute: per, count: $0, values: values) }
        }
        if r.has("share") || r.has("per") { return nil }
        return seedingFields(&r, path: path).map { .strategy($0) }
    }

    // MARK: Interventions

    static var interventionTypes: [String] { InterventionCatalog.kinds }

    mutating func schedule(_ r: inout FieldReader, horizon: Int) -> Schedule? {
        guard let atValue = r.required("at", &d, hint: "the step it happens (0 … horizon)"),
              let at = FieldReader.int(atValue, r.name("at"), &d, min: 0) else { return nil }
        if at > horizon {
            d.append(Diagnostic(atValue.origin, "\(r.path) at step \(at) is after the horizon (\(horizon) steps)", hint: "use a step from 0 to \(horizon), or raise horizon"))
        }
        let every = r.int("every", &d, min: 1)
        let until = r.int("until", &d, min: at)
        return Schedule(at: at, every: every, until: until)
    }

    /// Reads one intervention by its kind's own parameter descriptions (`InterventionCatalog`).
    mutating func decodeIntervention(_ v: ScenarioValue, path: String, horizon: Int) -> (any Intervention)? {
        guard var r = FieldReader(v, path: path, &d) else { return nil }
        guard let type = r.choice("type", Self.interventionTypes, &d), let kind = InterventionCatalog.named(type) else {
            if r.value("type") == nil {
                d.append(Diagnostic(v.origin, "\(path) needs \"type\"", hint: "one of: \(Self.interventionTypes.joined(separator: ", "))"))
            }
            // Without a kind its other keys cannot be judged: say nothing about them.
            return nil
        }
        defer { r.finish(&d) }
        let name = r.string("name", &d)
        let when = schedule(&r, horizon: horizon)
        guard let values = parameters(kind.parameters, from: &r, path: path, owner: path), let when else { return nil }
        do {
            return try kind.init(name: name, schedule: when, parameters: CatalogValues(owner: "\(path) (\(type))", values))
        } catch {
            d.append(Diagnostic(v.origin, "\(path): \(error)"))
            return nil
        }
    }

    // MARK: Sweep

    static let largestExactInteger = 9_007_199_254_740_992.0
    /// Points a sweep may have (each is a whole ensemble; more is a cluster's job, split by shards of several files).
    static let maximumSweepPoints = 1_000_000

    mutating func decodeSweep(_ v: ScenarioValue) -> SweepSpec? {
        guard var r = FieldReader(v, path: "sweep", &d) else { return nil }
        defer { r.finish(&d) }
        var axes: [SweepSpec.Axis] = []
        let replicates = r.int("replicates", &d, min: 1)
        var streams = SweepSpec.Streams.common
        if let text = r.string("streams", &d) {
            if let s = SweepSpec.Streams(rawValue: text) { streams = s } else {
                d.append(Diagnostic(r.value("streams")?.origin ?? v.origin, "sweep.streams must be one of \(SweepSpec.Streams.allCases.map(\.rawValue).joined(separator: ", ")) (got \(text))"))
            }
        }
        for kind in ["grid", "lists"] {
            guard let m = r.value(kind), var mr = FieldReader(m, path: "sweep.\(kind)", &d) else { continue }
            for entry in mr.entries {
                _ = mr.value(entry.key)
                guard case let .sequence(items, _) = entry.value, !items.isEmpty else {
                    d.append(Diagnostic(entry.value.origin, "sweep.\(kind).\(entry.key) must be a non-empty list of values"))
                    continue
                }
                axes.append(kind == "grid" ? .grid(path: entry.key, values: items) : .list(path: entry.key, values: items))
            }
            mr.finish(&d)
        }
        let lists = axes.compactMap { if case let .list(_, v) = $0 { v.count } else { nil } }
        if Set(lists).count > 1 { d.append(Diagnostic(v.origin, "sweep.lists: every list must have the same length (got \(lists.map(String.init).joined(separator: ", ")))")) }
        var samples = 0
        var rejected = false  // an axis already reported: "no axes" would only repeat it
        if let lhs = r.value("latin_hypercube"), var lr = FieldReader(lhs, path: "sweep.latin_hypercube", &d) {
            samples = lr.required("samples", &d).flatMap { FieldReader.int($0, "sweep.latin_hypercube.samples", &d, min: 1) } ?? 0
            if let ranges = lr.required("ranges", &d), var rr = FieldReader(ranges, path: "sweep.latin_hypercube.ranges", &d) {
                for entry in rr.entries {
                    _ = rr.value(entry.key)
                    guard case let .sequence(bounds, _) = entry.value, bounds.count == 2,
                          let lo = FieldReader.double(bounds[0], "sweep range \(entry.key) low", &d),
                          let hi = FieldReader.double(bounds[1], "sweep range \(entry.key) high", &d), lo <= hi else {
                        d.append(Diagnostic(entry.value.origin, "sweep.latin_hypercube.ranges.\(entry.key) must be [low, high] with low ≤ high"))
                        rejected = true
                        continue
                    }
                    let integer = [bounds[0], bounds[1]].allSatisfy { if case let .scalar(s, _) = $0 { Int(s) != nil } else { false } }
                    // Samples are drawn as doubles: integers beyond 2^53 would not round-trip (nor fit back in Int).
                    if integer, max(abs(lo), abs(hi)) > Self.largestExactInteger {
                        d.append(Diagnostic(entry.value.origin, "sweep.latin_hypercube.ranges.\(entry.key): whole-number bounds must lie within ±\(Int(Self.largestExactInteger))"))
                        rejected = true
                        continue
                    }
                    axes.append(.range(path: entry.key, low: lo, high: hi, integer: integer))
                }
                rr.finish(&d)
            }
            lr.finish(&d)
        }
        if axes.isEmpty && !rejected { d.append(Diagnostic(v.origin, "sweep has no axes", hint: "add grid:, lists: or latin_hypercube:")) }
        // The number of points, without forming them (a 10⁹-point grid must be refused, not expanded).
        var points = 1.0
        for case let .grid(_, values) in axes { points *= Double(values.count) }
        points *= Double(lists.min() ?? 1) * Double(max(1, samples))
        if points > Double(Self.maximumSweepPoints) {
            d.append(Diagnostic(v.origin, "sweep has \(points < 1e15 ? String(Int(points)) : String(points)) points; at most \(Self.maximumSweepPoints) are run",
                                hint: "use fewer values per axis, or latin_hypercube with fewer samples"))
        }
        return SweepSpec(axes: axes, replicates: replicates, samples: samples, streams: streams)
    }
}

extension NetworkSpec {
    /// A `network:` mapping as scenarios write it (`generate` + `parameters` + `seed`, or `file` + `nodes` +
    /// `directed`), for other files that name a network (benchmark suites); paths relative to `directory`.
    public static func decode(_ v: ScenarioValue, relativeTo directory: URL, seed: UInt64 = 0) throws -> NetworkSpec {
        var decoder = ScenarioDecoder(directory: directory)
        let spec = decoder.decodeNetwork(v, seed: seed)
        guard let spec, decoder.d.isEmpty else { throw ScenarioError.invalid(decoder.d) }
        return spec
    }
}

import Tables

/// Every network model by name, for the CLI and scenario files.
public enum GeneratorCatalog {
    public static let all: [any NetworkGenerator.Type] = [
        ErdosRenyi.self, RandomEdgeCount.self, WattsStrogatz.self, BarabasiAlbert.self, ConfigurationModel.self,
        StochasticBlockModel.self, LFRBenchmark.self, OrganisationNetwork.self,
    ]

    /// Short names accepted besides the models' own.
    static let aliases = ["er": "erdos-renyi", "gnp": "erdos-renyi", "ws": "watts-strogatz", "ba": "barabasi-albert",
                          "stochastic-block": "sbm", "organization": "organisation"]

    public static var names: [String] { all.map { $0.model } }

    /// The generator for `model` configured by `parameters` (name → value as text).
    public static func make(model: String, parameters: [String: String]) throws -> any NetworkGenerator {
        let name = aliases[model.lowercased()] ?? model.lowercased()
        guard let type = all.first(where: { $0.model == name }) else {
            throw GeneratorError.unknownModel(model, suggestion: Spelling.nearest(model, in: names + aliases.keys.sorted()), known: names)
        }
        // A misspelt name is the likelier root cause than the "missing" parameter it leaves behind.
        let known = type.parameters.map(\.name)
        for name in parameters.keys.sorted() where !known.contains(name) {
            throw GeneratorError.unknownParameter(model: type.model, name: name, suggestion: Spelling.nearest(name, in: known))
        }
        return try type.init(parameters: GeneratorParameters(model: type.model, parameters))
    }

    /// The generator for `model` configured by `name=value` strings (the CLI's `--param`).
    public static func make(model: String, assignments: [String]) throws -> any NetworkGenerator {
        try make(model: model, parameters: GeneratorParameters(model: model, assignments: assignments).values)
    }
}

/// A model that describes itself for scenario files: its parameters, a summary, and how to build
/// it from the values given. Conform in the model's own file and add one line to `ModelCatalog`.
public protocol CatalogModel: DiffusionModel {
    /// One line on what the model is for.
    static var summary: String { get }
    static var parameters: [CatalogParameter] { get }
    /// Builds the model; parameter kinds are already checked, so this checks only how values combine.
    init(parameters: CatalogValues) throws
    /// Values that make a working model, for the catalog-wide conformance tests and documentation
    /// (default: a typical value for each required parameter).
    static var example: [String: ParameterValue] { get }
}

extension CatalogModel {
    public static var example: [String: ParameterValue] {
        var values: [String: ParameterValue] = [:]
        for p in parameters where p.required {
            switch p.kind {
            case .probability, .nonNegative, .probabilityOrWord, .perAgent: values[p.name] = .number(0.3)
            case .positive: values[p.name] = .number(1)
            case let .integer(min): values[p.name] = .integer(Swift.max(min, 2))
            case .flag: values[p.name] = .flag(false)
            case .text, .texts, .selection: break
            }
        }
        return values
    }

    /// Runs the ensemble with this model (specialised for it: opening `any CatalogModel` here is the
    /// only dynamic dispatch, once per run).
    public func run(_ ensemble: Ensemble, on population: Population) throws -> EnsembleResult {
        try ensemble.run(self, on: population)
    }

    /// Runs one replicate per set of values, replicate r with the model built from `values[r]`, from
    /// replicate `first + r`'s streams (`Ensemble.run(each:from:on:)`): a calibration's draws as one
    /// ensemble, specialised for this model like `run`.
    public func run(_ ensemble: Ensemble, each values: [CatalogValues], from first: Int,
                    on population: Population) throws -> EnsembleResult {
        try ensemble.run(each: values.map { try Self(parameters: $0) }, from: first, on: population)
    }

    /// Checks the ensemble against this model (opening the existential, as `run` does).
    public func validate(_ ensemble: Ensemble, on population: Population) throws {
        try ensemble.validate(self, on: population)
    }
}

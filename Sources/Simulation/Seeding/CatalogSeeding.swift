/// A seeding strategy that describes itself for scenario files: its name, parameters, a summary,
/// and how it picks the first adopters on a network. Conform in the strategy's own file (in
/// `Strategies/`) and add one line to `SeedingCatalog`. Strategies also choose the participants
/// of interventions (`participants: {strategy: degree, count: 10}`).
public protocol CatalogSeeding: Sendable, Equatable {
    /// The name in scenario files and outputs (`strategy: degree`).
    static var name: String { get }
    static var summary: String { get }
    static var parameters: [CatalogParameter] { get }
    /// Builds the strategy; parameter kinds are already checked, so this checks only how values combine.
    init(parameters: CatalogValues) throws
    /// Values that make a working strategy on a small network, for the catalog-wide tests.
    static var example: [String: ParameterValue] { get }
    /// Checks the request against the network and ranks or pools the candidates; errors name the
    /// parameter (a seed set larger than the network, an unknown attribute, value or node).
    func prepare(_ population: Population, seed: UInt64) throws -> SeedingStrategy.Prepared
}

extension CatalogSeeding {
    public static var example: [String: ParameterValue] {
        parameters.contains { $0.name == "count" } ? ["count": .integer(2)] : [:]
    }

    /// Equality across conformances (the same strategy with the same values).
    func isEqual(_ other: any CatalogSeeding) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}

extension CatalogParameter {
    /// The seed count of a ranking or sampling strategy.
    static let seedCount = CatalogParameter("count", .integer(min: 0), required: true, "how many seeds")
}

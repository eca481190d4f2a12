/// Agents whose attribute takes one of `values` (role = lead nurse): `count` of them drawn afresh
/// in every replicate, or all of them when no count is given.
public struct AttributeSeeding: CatalogSeeding {
    public static let name = "attribute"
    public static let summary = "people whose attribute takes one of the values (role = lead nurse), all or a random count"
    public static let parameters: [CatalogParameter] = [
        CatalogParameter("attribute", .text, required: true, "the categorical attribute, e.g. role"),
        CatalogParameter("values", .texts, required: true, "the levels that qualify, e.g. [lead nurse]"),
        CatalogParameter("count", .integer(min: 0), "how many of them, drawn per replicate (default: all)"),
    ]
    public static let example: [String: ParameterValue] = ["attribute": .text("organisation"), "values": .texts(["Organisation 1"])]
    public var attribute: String
    public var values: [String]
    public var count: Int?

    public init(attribute: String, values: [String], count: Int?) {
        self.attribute = attribute
        self.values = values
        self.count = count
    }

    public init(parameters: CatalogValues) throws {
        guard let attribute = parameters.text("attribute"), let values = parameters.texts("values") else {
            throw SimulationError.unsupported("\(parameters.owner) needs attribute and values")
        }
        self.init(attribute: attribute, values: values, count: parameters.integer("count"))
    }

    public func prepare(_ population: Population, seed: UInt64) throws -> SeedingStrategy.Prepared {
        let pool = try population.members(attribute, in: values)
        guard let count else { return .fixed(pool) }
        try SeedRanking.check(count, of: pool.count)
        return .sample(pool: pool, population: population.count, count: count)
    }
}

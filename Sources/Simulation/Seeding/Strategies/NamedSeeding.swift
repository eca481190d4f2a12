/// Named agents, by their labels in the network file: the champions a programme already has.
public struct NamedSeeding: CatalogSeeding {
    public static let name = "nodes"
    public static let summary = "named people, by their labels in the network file"
    public static let parameters: [CatalogParameter] = [
        CatalogParameter("nodes", .texts, required: true, "node labels, e.g. [alice, bob]"),
    ]
    public static let example: [String: ParameterValue] = ["nodes": .texts(["0", "1"])]
    public var labels: [String]

    public init(labels: [String]) { self.labels = labels }

    public init(parameters: CatalogValues) throws {
        guard let labels = parameters.texts("nodes") else { throw SimulationError.unsupported("\(parameters.owner) needs nodes") }
        self.init(labels: labels)
    }

    public func prepare(_ population: Population, seed: UInt64) throws -> SeedingStrategy.Prepared {
        .fixed(try labels.map { label in
            guard let v = population.graph.nodes.id(of: label) else {
                throw SimulationError.unknownValue(attribute: "node", value: label, available: [])
            }
            return v
        })
    }
}

/// Every seeding strategy by name, for scenario files, `skein schema` and error messages. Adding a
/// strategy is its file in `Strategies/` (with its `CatalogSeeding` conformance), one line here and
/// its test file.
public enum SeedingCatalog {
    public static let all: [any CatalogSeeding.Type] = [
        RandomSeeding.self, DegreeSeeding.self, BetweennessSeeding.self, PageRankSeeding.self, KCoreSeeding.self,
        CommunitySeeding.self, BrokerageSeeding.self, AttributeSeeding.self, NamedSeeding.self,
        InfluenceMaximisationSeeding.self, IMMSeeding.self, OPIMSeeding.self,
    ]

    public static var names: [String] { all.map { $0.name } }

    public static func named(_ name: String) -> (any CatalogSeeding.Type)? { all.first { $0.name == name } }

    /// Parameters by name across every strategy (a name means the same everywhere), for the schema.
    public static var parameters: [CatalogParameter] {
        var seen: Set<String> = [], list: [CatalogParameter] = []
        for s in all { for p in s.parameters where seen.insert(p.name).inserted { list.append(p) } }
        return list
    }
}

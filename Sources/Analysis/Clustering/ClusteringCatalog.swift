/// Every clustering method by name, for `skein analyse --method`, benchmark suites and the
/// catalog-wide conformance check. Adding one is its file (with its `CatalogClusterer`
/// conformance), one line here and its test file.
public enum ClusteringCatalog {
    public static let all: [any CatalogClusterer.Type] = [
        BalancedKMeans.self, BisectingKMeans.self, KMeans.self, MiniBatchKMeans.self, Ward.self,
    ]

    public static var names: [String] { all.map { $0.name } }

    public static func named(_ name: String) -> (any CatalogClusterer.Type)? { all.first { $0.name == name } }

    /// "balanced (…), bisecting (…), …": for help texts and errors.
    public static var described: String { all.map { "\($0.name) (\($0.summary))" }.joined(separator: ", ") }
}

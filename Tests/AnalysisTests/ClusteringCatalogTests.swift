import Analysis
import Testing
import TestSupport

/// Every clustering method in the catalog meets the shared bar (`ClustererConformance`): finds
/// well-separated groups, labels 0..<k, reproducible at any thread count, refuses k > n.
@Suite("Clustering catalog")
struct ClusteringCatalogTests {
    static let names = ClusteringCatalog.names

    @Test("every method: finds separated groups, reproducible, thread-count invariant, refuses k > n", arguments: names)
    func conformance(_ name: String) throws {
        #expect(Self.names.filter { $0 == name }.count == 1)
        try ClustererConformance.check(ClusteringCatalog.named(name)!)
    }

    @Test("the default of skein analyse is in the catalog and polishes in term space")
    func defaultMethod() {
        #expect(ThemeFinder().method.name == "balanced" && ThemeFinder().method.polishesInTermSpace)
        #expect(ClusteringCatalog.named("ward")?.largestInput == Ward.maximumPoints)
    }
}

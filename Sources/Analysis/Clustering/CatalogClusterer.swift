import NumericCore

/// A clustering method that describes itself for `skein analyse --method`: its name, a line of
/// help, the largest input it takes, and how it clusters unit-length response vectors into k
/// themes. Conform in the method's own file and add one line to `ClusteringCatalog`.
public protocol CatalogClusterer: Sendable {
    /// The name `--method` takes.
    static var name: String { get }
    static var summary: String { get }
    /// Most points it accepts (nil: no limit of its own).
    static var largestInput: Int? { get }
    /// Whether themes from TF-IDF are polished in term space afterwards, under a size cap
    /// (`TermSpaceRefinement`): for methods whose point is balanced theme sizes.
    static var polishesInTermSpace: Bool { get }
    /// k themes of `points` (rows of unit length), reproducibly from `seed`. `refinements`:
    /// capacity-constrained passes, for methods that cap theme sizes (0 when the term-space polish follows).
    static func cluster(_ points: Matrix<Double>, k: Int, seed: UInt64, refinements: Int) throws -> KMeans.Fit
}

extension CatalogClusterer {
    public static var largestInput: Int? { nil }
    public static var polishesInTermSpace: Bool { false }
}

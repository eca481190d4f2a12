import Analysis
import NumericCore
import Testing

/// What every clustering method must do — the bar a new method's test file calls. On well
/// separated groups of unit vectors it finds them (adjusted Rand index 1); labels are 0..<k with
/// none empty and the centres k × d; the same seed gives the same labels, on one thread or two;
/// more clusters than points is an error, not a trap.
public enum ClustererConformance {
    /// `groups` tight bundles of unit vectors around orthogonal directions in 12 dimensions.
    public static func bundles(groups: Int = 4, each: Int = 30, seed: UInt64 = 3) -> (Matrix<Double>, [Int]) {
        var rng = Xoshiro256PlusPlus(seed: seed)
        let d = 12
        var x = Matrix<Double>(rows: groups * each, columns: d), truth: [Int] = []
        for i in 0..<(groups * each) {
            let g = i % groups
            var row = (0..<d).map { _ in 0.05 * rng.normal() }
            row[g] += 1
            let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for j in 0..<d { x[i, j] = row[j] / norm }
            truth.append(g)
        }
        return (x, truth)
    }

    public static func check(_ type: any CatalogClusterer.Type) throws {
        #expect(!type.name.isEmpty && !type.summary.isEmpty)
        let (x, truth) = bundles()
        let fit = try Compute.withThreads(1) { try type.cluster(x, k: 4, seed: 7, refinements: 5) }
        #expect(fit.labels.count == x.rows && Set(fit.labels) == Set(0..<4), "\(type.name): labels \(Set(fit.labels))")
        #expect(fit.centres.rows == 4 && fit.centres.columns == x.columns, "\(type.name): centres")
        #expect(AdjustedRandIndex.score(fit.labels, truth) > 0.999, "\(type.name) missed well-separated groups")
        let two = try Compute.withThreads(2) { try type.cluster(x, k: 4, seed: 7, refinements: 5) }
        #expect(two.labels == fit.labels, "\(type.name): thread count changed the labels")
        let again = try type.cluster(x, k: 4, seed: 7, refinements: 5)
        #expect(again.labels == fit.labels, "\(type.name): not reproducible")
        #expect(throws: (any Error).self, "\(type.name) took more clusters than points") {
            _ = try type.cluster(x.gatheringRows([0, 1, 2]), k: 5, seed: 7, refinements: 5)
        }
        if let limit = type.largestInput { #expect(limit > 0) }
    }
}

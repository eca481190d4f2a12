import Foundation
import NumericCore

/// One point of a sweep: its index and the values it sets.
public struct SweepPoint: Sendable, Equatable {
    public var index: Int
    public var assignments: [(path: String, value: ScenarioValue)]

    public static func == (a: SweepPoint, b: SweepPoint) -> Bool {
        a.index == b.index && a.assignments.count == b.assignments.count
            && zip(a.assignments, b.assignments).allSatisfy { $0.path == $1.path && $0.value == $1.value }
    }

    /// `{"model.p": 0.1, …}` as compact JSON with sorted keys, for the database and outputs.
    public var json: String {
        var dict: [String: Any] = [:]
        for a in assignments { dict[a.path] = a.value.jsonObject }
        let data = (try? JSONSerialization.data(withJSONObject: dict, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension SweepSpec {
    /// Every point, in a fixed order: the grid's combinations (last axis fastest), each crossed
    /// with every row of the zipped lists and every Latin-hypercube sample. Latin-hypercube values
    /// come from the `.sampling` stream of `seed`, so the points are the same on every machine.
    public func points(seed: UInt64) -> [SweepPoint] {
        var rows: [[(String, ScenarioValue)]] = [[]]
        for case let .grid(path, values) in axes {
            rows = rows.flatMap { row in values.map { row + [(path, $0)] } }
        }
        let lists = axes.compactMap { axis -> (String, [ScenarioValue])? in
            if case let .list(path, values) = axis { return (path, values) }
            return nil
        }
        if let length = lists.map(\.1.count).min() {
            let listRows = (0..<length).map { i in lists.map { ($0.0, $0.1[i]) } }
            rows = rows.flatMap { row in listRows.map { row + $0 } }
        }
        let ranges = axes.compactMap { axis -> (String, Double, Double, Bool)? in
            if case let .range(path, low, high, integer) = axis { return (path, low, high, integer) }
            return nil
        }
        if !ranges.isEmpty && samples > 0 {
            let origin = ScenarioValue.Origin(file: "sweep", line: 0, column: 0)
            // One stratum per sample on each axis, strata shuffled independently per axis.
            let columns: [[ScenarioValue]] = ranges.enumerated().map { d, range in
                var rng = Xoshiro256PlusPlus(seed: seed, replicate: UInt64(d), purpose: .sampling)
                var strata = Array(0..<samples)
                rng.shuffle(&strata)
                return strata.map { s in
                    let u = (Double(s) + rng.nextUnitDouble()) / Double(samples)
                    let x = range.1 + u * (range.2 - range.1)
                    return .scalar(range.3 ? String(Int(x.rounded())) : String(x), origin)
                }
            }
            let lhsRows = (0..<samples).map { i in ranges.indices.map { (ranges[$0].0, columns[$0][i]) } }
            rows = rows.flatMap { row in lhsRows.map { row + $0 } }
        }
        return rows.enumerated().map { SweepPoint(index: $0, assignments: $1.map { (path: $0.0, value: $0.1) }) }
    }
}

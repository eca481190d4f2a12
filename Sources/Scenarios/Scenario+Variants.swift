import Foundation

extension Scenario {
    /// Checks every value of every sweep axis applied to the document as run (so paths inherited
    /// through `extends:` are checked against what they will change); all problems together, each
    /// naming its axis and value. Arms are checked by building them (`PreparedComparison`, or
    /// `mapArms` without the network).
    public func checkSweepValues() throws {
        guard let sweep else { return }
        var d: [Diagnostic] = []
        let base = resolved.removing("sweep").removing("compare")
        let origin = resolved["sweep"]?.origin ?? resolved.origin
        for axis in sweep.axes {
            let (path, values): (String, [ScenarioValue]) = switch axis {
            case let .grid(path, values), let .list(path, values): (path, values)
            case let .range(path, low, high, integer):
                (path, [low, high].map { .scalar(integer ? String(Int($0.rounded())) : String($0), origin) })
            }
            for value in values {
                do {
                    _ = try ScenarioLoader.decode(try base.setting(path, to: value), file: file)
                } catch let ScenarioError.invalid(list) {
                    d += list.map { Diagnostic($0.origin, "sweep \(path) = \(value.jsonText): \($0.message)", hint: $0.hint) }
                }
            }
        }
        if !d.isEmpty { throw ScenarioError.invalid(d) }
    }
}

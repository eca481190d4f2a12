import Foundation

extension Scenario {
    /// Checks what the base alone does not: every comparison arm, decoded and (with `network`)
    /// prepared against its network, and every value of every sweep axis applied to the document as
    /// run (so paths inherited through `extends:` are checked against what they will change). All
    /// problems together, each naming its arm or axis.
    public func checkVariants(network: Bool) throws {
        var d: [Diagnostic] = []
        for arm in arms {
            do {
                let scenario = try scenario(for: arm)
                if network { _ = try scenario.prepare() }
            } catch let ScenarioError.invalid(list) {
                d += list.map { Diagnostic($0.origin, "compare: \(arm.name): \($0.message)", hint: $0.hint) }
            }
        }
        if let sweep {
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
                        let shown = (try? JSONSerialization.data(withJSONObject: value.jsonObject, options: [.fragmentsAllowed]))
                            .map { String(decoding: $0, as: UTF8.self) } ?? "?"
                        d += list.map { Diagnostic($0.origin, "sweep \(path) = \(shown): \($0.message)", hint: $0.hint) }
                    }
                }
            }
        }
        if !d.isEmpty { throw ScenarioError.invalid(d) }
    }
}

/// A problem with a simulation's parameters, found before any work starts. Each case names the
/// parameter and what it allows.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    case outOfRange(parameter: String, value: Double, allowed: String)
    case tooManySeeds(requested: Int, nodes: Int)
    case unknownAttribute(String, available: [String])
    case unknownValue(attribute: String, value: String, available: [String])
    case afterHorizon(what: String, time: Double, horizon: Int)
    case unsupported(String)
    indirect case invalidIntervention(String, SimulationError)

    public var description: String {
        switch self {
        case let .outOfRange(parameter, value, allowed):
            return "\(parameter) = \(value) is out of range; allowed: \(allowed)"
        case let .tooManySeeds(requested, nodes):
            return "\(requested) seeds requested but the network has \(nodes) nodes"
        case let .unknownAttribute(name, available):
            return "the network has no attribute \"\(name)\"" + (available.isEmpty ? " (it has none)" : " (it has: \(available.joined(separator: ", ")))")
        case let .unknownValue(attribute, value, available):
            return "attribute \(attribute) has no value \"\(value)\" (values: \(available.prefix(12).joined(separator: ", "))\(available.count > 12 ? ", …" : ""))"
        case let .afterHorizon(what, time, horizon):
            return "\(what) at time \(time) is after the horizon (\(horizon) steps)"
        case let .unsupported(what):
            return what
        case let .invalidIntervention(what, error):
            return "\(what): \(error)"
        }
    }
}

extension SimulationError {
    static func probability(_ name: String, _ p: Double) throws {
        guard p >= 0, p <= 1, p.isFinite else { throw SimulationError.outOfRange(parameter: name, value: p, allowed: "[0, 1]") }
    }

    static func nonNegative(_ name: String, _ x: Double) throws {
        guard x >= 0, x.isFinite else { throw SimulationError.outOfRange(parameter: name, value: x, allowed: "≥ 0") }
    }
}

import Simulation

/// A model parameter to calibrate and its uniform prior, `model.NAME=low:high` on the command line.
public struct FittedParameter: Sendable, Codable, Equatable {
    public var name: String
    public var low: Double
    public var high: Double

    public init(name: String, low: Double, high: Double) {
        self.name = name
        self.low = low
        self.high = high
    }

    public enum ParameterError: Error, CustomStringConvertible, Equatable {
        case malformed(String)
        case unknown(String, model: String, known: [String])
        case notNumeric(String, model: String)
        case outOfRange(String, low: Double, high: Double, allowed: String)

        public var description: String {
            switch self {
            case let .malformed(text): return "--fit \(text): expected model.NAME=LOW:HIGH (a uniform prior), e.g. model.imitation=0:0.5"
            case let .unknown(name, model, known):
                return "--fit: the \(model) model has no parameter \"\(name)\" (parameters: \(known.joined(separator: ", ")))"
            case let .notNumeric(name, model): return "--fit: \(model)'s \(name) is not a number to calibrate"
            case let .outOfRange(name, low, high, allowed): return "--fit: the prior \(low):\(high) for \(name) leaves its range (\(allowed))"
            }
        }
    }

    /// Parses `model.NAME=LOW:HIGH` (the `model.` prefix may be left out).
    public static func parse(_ text: String) throws -> FittedParameter {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ParameterError.malformed(text) }
        let name = parts[0].hasPrefix("model.") ? String(parts[0].dropFirst(6)) : parts[0]
        let bounds = parts[1].split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !name.isEmpty, bounds.count == 2, let low = bounds[0], let high = bounds[1], low.isFinite, high.isFinite, low < high else {
            throw ParameterError.malformed(text)
        }
        return FittedParameter(name: name, low: low, high: high)
    }

    /// Checks the parameter exists in `model`, is a number, and the prior stays in its range.
    public func check(against model: any CatalogModel.Type) throws {
        guard let parameter = model.parameters.first(where: { $0.name == name }) else {
            throw ParameterError.unknown(name, model: model.name, known: model.parameters.map(\.name))
        }
        switch parameter.kind {
        case .probability, .probabilityOrWord, .perAgent:
            guard low >= 0, high <= 1 else { throw ParameterError.outOfRange(name, low: low, high: high, allowed: "a probability in [0, 1]") }
        case .nonNegative:
            guard low >= 0 else { throw ParameterError.outOfRange(name, low: low, high: high, allowed: "≥ 0") }
        case .positive:
            guard low > 0 else { throw ParameterError.outOfRange(name, low: low, high: high, allowed: "> 0") }
        default:
            throw ParameterError.notNumeric(name, model: model.name)
        }
    }
}

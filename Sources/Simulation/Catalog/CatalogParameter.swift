/// One parameter of a model or an intervention as scenario files write it: its name, what values
/// it takes, its default and a line of help. The scenario decoder reads values by these descriptions, and the
/// JSON Schema and the README's parameter tables are generated from them.
public struct CatalogParameter: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A number in [0, 1].
        case probability
        /// A number ≥ 0.
        case nonNegative
        /// A number > 0.
        case positive
        /// A whole number ≥ `min`.
        case integer(min: Int)
        /// true or false.
        case flag
        /// A probability, or one of these words (`weighted-cascade`).
        case probabilityOrWord([String])
        /// A probability, one of these words (`uniform`), or `{attribute: NAME, fallback: x}`: one value per agent.
        case perAgent(words: [String])
        /// Text (an attribute's name).
        case text
        /// A list of texts (node labels, an attribute's levels); a single value reads as a list of one.
        case texts
        /// Who takes part: `everyone`, `adopters`, `trained`, `{share: x}`, `{per: ATTRIBUTE, count: k}` or seeding keys.
        case selection
    }

    public let name: String
    public let kind: Kind
    /// As written in a scenario; nil when required (or when it has no single default, see `help`).
    public let defaultValue: String?
    public let required: Bool
    public let help: String

    public init(_ name: String, _ kind: Kind, default defaultValue: String? = nil, required: Bool = false, _ help: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.required = required
        self.help = help
    }

    /// What the kind allows, in words (for errors, the schema and the README).
    public var expected: String {
        switch kind {
        case .probability: "a probability in [0, 1]"
        case .nonNegative: "a number ≥ 0"
        case .positive: "a number > 0"
        case let .integer(min): "a whole number ≥ \(min)"
        case .flag: "true or false"
        case let .probabilityOrWord(words): "a probability in [0, 1] or " + words.joined(separator: " or ")
        case let .perAgent(words): "a probability, " + words.joined(separator: ", ") + ", or {attribute: NAME, fallback: x}"
        case .text: "text"
        case .texts: "a list of values"
        case .selection: "everyone, adopters, trained, {share: x}, {per: ATTRIBUTE, count: k} or seeding keys"
        }
    }
}

/// A parameter's value as read from a scenario.
public enum ParameterValue: Sendable, Equatable {
    case number(Double)
    case integer(Int)
    case flag(Bool)
    case word(String)
    /// Per agent from a numeric node attribute, with a fallback where it is missing.
    case attribute(String, fallback: Double)
    case text(String)
    case texts([String])
    case selection(Selection)
}

/// The values given for one model or intervention, by parameter name; defaults are its own to apply.
public struct CatalogValues: Sendable {
    /// Whose values these are, for errors ("complex-contagion", "interventions[2] (event)").
    public let owner: String
    public let values: [String: ParameterValue]

    public init(owner: String, _ values: [String: ParameterValue]) {
        self.owner = owner
        self.values = values
    }

    public subscript(name: String) -> ParameterValue? { values[name] }

    public func number(_ name: String, default value: Double) -> Double { number(name) ?? value }

    public func number(_ name: String) -> Double? {
        switch values[name] {
        case let .number(x)?: x
        case let .integer(k)?: Double(k)
        default: nil
        }
    }

    public func integer(_ name: String) -> Int? {
        if case let .integer(k)? = values[name] { return k }
        return nil
    }

    public func text(_ name: String) -> String? {
        if case let .text(t)? = values[name] { return t }
        return nil
    }

    public func texts(_ name: String) -> [String]? {
        if case let .texts(t)? = values[name] { return t }
        return nil
    }

    public func selection(_ name: String) -> Selection? {
        if case let .selection(s)? = values[name] { return s }
        return nil
    }

    public func flag(_ name: String, default value: Bool = false) -> Bool {
        if case let .flag(b)? = values[name] { return b }
        return value
    }

    /// The value of a required parameter, or a typed error naming it.
    public func required(_ name: String) throws -> ParameterValue {
        guard let v = values[name] else { throw SimulationError.unsupported("\(owner) needs \(name)") }
        return v
    }

    public func requiredInteger(_ name: String) throws -> Int {
        guard let k = integer(name) else { throw SimulationError.unsupported("\(owner) needs \(name)") }
        return k
    }

    public func requiredNumber(_ name: String) throws -> Double {
        guard let x = number(name) else { throw SimulationError.unsupported("\(owner) needs \(name)") }
        return x
    }
}

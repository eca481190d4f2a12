import NumericCore
import Tables

/// A seeded random-network model. Configuration (the parameters) is a value; `generate` draws
/// one network from a random stream, so the same (seed, replicate) always gives the same graph.
public protocol NetworkGenerator: Sendable {
    /// The name used on the command line and in scenario files (`barabasi-albert`).
    static var model: String { get }
    /// One line on what the model is for.
    static var summary: String { get }
    /// Accepted parameters, with defaults, for help and did-you-mean hints.
    static var parameters: [GeneratorParameter] { get }
    /// Reads and checks parameters; every problem is a `GeneratorError` naming the parameter.
    init(parameters: GeneratorParameters) throws
    func generate(using rng: inout Xoshiro256PlusPlus) throws -> Graph
    /// Nodes and (expected) ties of the network these parameters describe, known before it is
    /// generated, so a request beyond the machine is refused instead of aborting the allocator.
    var expectedSize: (nodes: Double, edges: Double) { get }
}

extension NetworkGenerator {
    /// The network for (seed, replicate), from its own `.networkGeneration` stream.
    public func generate(seed: UInt64, replicate: UInt64 = 0) throws -> Graph {
        try checkSize()
        var rng = Xoshiro256PlusPlus(seed: seed, replicate: replicate, purpose: .networkGeneration)
        return try generate(using: &rng)
    }
}

extension NetworkGenerator {
    /// Bytes a generated network of this size holds while it is built (node labels and attributes,
    /// the builder's edge list, both CSR directions): about 96 per node and 40 per tie.
    public var expectedBytes: Double { 96 * expectedSize.nodes + 40 * expectedSize.edges }

    /// Refuses parameters whose network would not fit: node ids are 32-bit, and memory is the budget's.
    public func checkSize() throws {
        let (nodes, edges) = expectedSize
        guard nodes < Double(Int32.max) else {
            throw GeneratorError.infeasible(model: Self.model, reason: "\(String(format: "%.3g", nodes)) nodes is more than Skein's networks hold (\(Int32.max))")
        }
        do {
            try MemoryBudget.check(expectedBytes, for: "a network of \(String(format: "%.3g", nodes)) nodes and about \(String(format: "%.3g", edges)) ties")
        } catch let error as MemoryBudget.Exceeded {
            throw GeneratorError.infeasible(model: Self.model, reason: error.description)
        }
    }
}

/// Documentation of one generator parameter.
public struct GeneratorParameter: Sendable {
    public let name: String
    public let defaultValue: String?
    public let help: String
    public init(_ name: String, default defaultValue: String? = nil, _ help: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.help = help
    }
}

/// A problem with a generator's model name or parameters.
public enum GeneratorError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownModel(String, suggestion: String?, known: [String])
    case unknownParameter(model: String, name: String, suggestion: String?)
    case missingParameter(model: String, name: String)
    case invalidValue(model: String, name: String, value: String, expected: String)
    case infeasible(model: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownModel(name, suggestion, known):
            return "unknown network model \"\(name)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
                + " (models: \(known.joined(separator: ", ")))"
        case let .unknownParameter(model, name, suggestion):
            return "\(model): unknown parameter \"\(name)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
        case let .missingParameter(model, name):
            return "\(model): parameter \"\(name)\" is required"
        case let .invalidValue(model, name, value, expected):
            return "\(model): \(name) = \(value) is invalid; expected \(expected)"
        case let .infeasible(model, reason):
            return "\(model): \(reason)"
        }
    }
}

/// Parameters as text (from `--param k=v` or a scenario file), read with typed accessors that
/// check ranges. Unread parameters are reported as unknown, with the nearest known name.
public struct GeneratorParameters: Sendable {
    public let model: String
    let values: [String: String]
    private(set) var read: Set<String> = []

    public init(model: String, _ values: [String: String]) {
        self.model = model
        self.values = values
    }

    /// Parses `k=v` strings.
    public init(model: String, assignments: [String]) throws {
        var values: [String: String] = [:]
        for a in assignments {
            guard let eq = a.firstIndex(of: "="), eq != a.startIndex else {
                throw GeneratorError.invalidValue(model: model, name: a, value: "", expected: "name=value")
            }
            values[String(a[..<eq]).trimmingCharacters(in: .whitespaces)] = String(a[a.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
        }
        self.init(model: model, values)
    }

    func invalid(_ name: String, _ expected: String) -> GeneratorError {
        .invalidValue(model: model, name: name, value: values[name] ?? "", expected: expected)
    }

    public mutating func string(_ name: String, default value: String? = nil) throws -> String {
        read.insert(name)
        if let v = values[name] { return v }
        if let value { return value }
        throw GeneratorError.missingParameter(model: model, name: name)
    }

    public mutating func optionalString(_ name: String) -> String? {
        read.insert(name)
        return values[name]
    }

    public mutating func int(_ name: String, default value: Int? = nil, min lower: Int = 0, max upper: Int = Int(UInt32.max)) throws -> Int {
        let text = try string(name, default: value.map(String.init))
        guard let v = Int(text.replacingOccurrences(of: "_", with: "")), v >= lower, v <= upper else {
            throw invalid(name, upper == Int(UInt32.max) ? "an integer ≥ \(lower)" : "an integer in [\(lower), \(upper)]")
        }
        return v
    }

    public mutating func double(_ name: String, default value: Double? = nil, min lower: Double = -.infinity, max upper: Double = .infinity,
                                expected: String? = nil) throws -> Double {
        let text = try string(name, default: value.map { "\($0)" })
        guard let v = Double(text), v.isFinite, v >= lower, v <= upper else {
            throw invalid(name, expected ?? "a number in [\(lower), \(upper)]")
        }
        return v
    }

    public mutating func probability(_ name: String, default value: Double? = nil) throws -> Double {
        try double(name, default: value, min: 0, max: 1, expected: "a probability in [0, 1]")
    }

    public mutating func bool(_ name: String, default value: Bool) throws -> Bool {
        let text = try string(name, default: value ? "true" : "false").lowercased()
        switch text {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw invalid(name, "true or false")
        }
    }

    /// A comma-separated list.
    public mutating func list(_ name: String, default value: String? = nil) throws -> [String] {
        try string(name, default: value).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Throws for any parameter that no accessor read, suggesting the nearest known name.
    public func checkAllRead(known: [GeneratorParameter]) throws {
        for name in values.keys.sorted() where !read.contains(name) {
            throw GeneratorError.unknownParameter(model: model, name: name, suggestion: Spelling.nearest(name, in: known.map(\.name)))
        }
    }
}

import Tables

/// Reads one mapping of a scenario, collecting every problem instead of stopping at the first:
/// wrong types, values out of range, unknown keys (with a did-you-mean), missing required keys.
public struct FieldReader {
    public let entries: [ScenarioValue.Entry]
    public let origin: ScenarioValue.Origin
    /// Where this mapping sits, for messages ("model", "interventions[2]").
    public let path: String
    public private(set) var used: Set<String> = []
    /// What the top-level mapping is called in messages ("the scenario", "the suite").
    public var documentName = "the scenario"

    /// nil (and a diagnostic) when `value` is not a mapping.
    public init?(_ value: ScenarioValue, path: String, _ d: inout [Diagnostic]) {
        guard case let .mapping(entries, origin) = value else {
            d.append(Diagnostic(value.origin, "\(path) must be a mapping of keys to values", hint: "write it as indented \"key: value\" lines"))
            return nil
        }
        self.entries = entries
        self.origin = origin
        self.path = path
    }

    public func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public mutating func value(_ key: String) -> ScenarioValue? {
        used.insert(key)
        guard let v = entries.first(where: { $0.key == key })?.value else { return nil }
        if case .null = v { return nil }
        return v
    }

    public func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    public mutating func required(_ key: String, _ d: inout [Diagnostic], hint: String? = nil) -> ScenarioValue? {
        guard let v = value(key) else {
            d.append(Diagnostic(origin, "\(path.isEmpty ? documentName : path) needs \"\(key)\"", hint: hint))
            return nil
        }
        return v
    }

    /// Reports keys that were never asked for, with the nearest known key.
    public func finish(_ d: inout [Diagnostic], also known: [String] = []) {
        let candidates = Array(used) + known
        for entry in entries where !used.contains(entry.key) && !known.contains(entry.key) {
            let near = Spelling.nearest(entry.key, in: candidates.sorted())
            d.append(Diagnostic(entry.keyOrigin, "unknown key \"\(entry.key)\" in \(path.isEmpty ? documentName : path)",
                                hint: near.map { "did you mean \"\($0)\"?" } ?? "known keys: \(candidates.sorted().joined(separator: ", "))"))
        }
    }

    // MARK: Typed values

    public mutating func string(_ key: String, _ d: inout [Diagnostic]) -> String? {
        guard let v = value(key) else { return nil }
        return Self.string(v, name(key), &d)
    }

    public static func string(_ v: ScenarioValue, _ name: String, _ d: inout [Diagnostic]) -> String? {
        guard case let .scalar(s, _) = v else {
            d.append(Diagnostic(v.origin, "\(name) must be a single value, not a list or mapping"))
            return nil
        }
        return s
    }

    public mutating func int(_ key: String, _ d: inout [Diagnostic], min: Int? = nil, max: Int? = nil) -> Int? {
        guard let v = value(key) else { return nil }
        return Self.int(v, name(key), &d, min: min, max: max)
    }

    public static func int(_ v: ScenarioValue, _ name: String, _ d: inout [Diagnostic], min: Int? = nil, max: Int? = nil) -> Int? {
        guard let s = string(v, name, &d) else { return nil }
        guard let x = Int(s) ?? Double(s).flatMap({ $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }) else {
            d.append(Diagnostic(v.origin, "\(name) must be a whole number, got \"\(s)\""))
            return nil
        }
        if let min, x < min {
            d.append(Diagnostic(v.origin, "\(name) = \(x) is out of range", hint: "allowed: ≥ \(min)\(max.map { " and ≤ \($0)" } ?? "")"))
            return nil
        }
        if let max, x > max {
            d.append(Diagnostic(v.origin, "\(name) = \(x) is out of range", hint: "allowed: ≤ \(max)"))
            return nil
        }
        return x
    }

    public enum Range: Sendable {
        case probability, nonNegative, positive, any
        public var text: String {
            switch self {
            case .probability: "a probability in [0, 1]"
            case .nonNegative: "≥ 0"
            case .positive: "> 0"
            case .any: "a number"
            }
        }
        public func contains(_ x: Double) -> Bool {
            guard x.isFinite else { return false }
            switch self {
            case .probability: return x >= 0 && x <= 1
            case .nonNegative: return x >= 0
            case .positive: return x > 0
            case .any: return true
            }
        }
    }

    public mutating func double(_ key: String, _ d: inout [Diagnostic], _ range: Range = .any) -> Double? {
        guard let v = value(key) else { return nil }
        return Self.double(v, name(key), &d, range)
    }

    public static func double(_ v: ScenarioValue, _ name: String, _ d: inout [Diagnostic], _ range: Range = .any) -> Double? {
        guard let s = string(v, name, &d) else { return nil }
        guard let x = Double(s) else {
            d.append(Diagnostic(v.origin, "\(name) must be a number, got \"\(s)\""))
            return nil
        }
        guard range.contains(x) else {
            d.append(Diagnostic(v.origin, "\(name) = \(s) is out of range", hint: "allowed: \(range.text)"))
            return nil
        }
        return x
    }

    public mutating func bool(_ key: String, _ d: inout [Diagnostic]) -> Bool? {
        guard let v = value(key) else { return nil }
        return Self.bool(v, name(key), &d)
    }

    public static func bool(_ v: ScenarioValue, _ name: String, _ d: inout [Diagnostic]) -> Bool? {
        guard let s = string(v, name, &d) else { return nil }
        guard let b = ScenarioValue.boolean(s) else {
            d.append(Diagnostic(v.origin, "\(name) must be true or false, got \"\(s)\""))
            return nil
        }
        return b
    }

    /// A list of strings; a single value is accepted as a list of one.
    public mutating func strings(_ key: String, _ d: inout [Diagnostic]) -> [String]? {
        guard let v = value(key) else { return nil }
        switch v {
        case let .sequence(items, _): return items.compactMap { Self.string($0, name(key), &d) }
        default: return Self.string(v, name(key), &d).map { [$0] }
        }
    }

    /// One of `choices`, with a did-you-mean.
    public mutating func choice(_ key: String, _ choices: [String], _ d: inout [Diagnostic]) -> String? {
        guard let v = value(key), let s = Self.string(v, name(key), &d) else { return nil }
        return Self.choice(s, at: v.origin, name(key), choices, &d)
    }

    public static func choice(_ s: String, at origin: ScenarioValue.Origin, _ name: String, _ choices: [String], _ d: inout [Diagnostic]) -> String? {
        if choices.contains(s) { return s }
        let near = Spelling.nearest(s, in: choices)
        d.append(Diagnostic(origin, "\(name) \"\(s)\" is not known", hint: (near.map { "did you mean \"\($0)\"? " } ?? "") + "one of: \(choices.joined(separator: ", "))"))
        return nil
    }
}

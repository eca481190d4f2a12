import Foundation

/// Any JSON value, for the parts of an output file whose shape is the user's (the resolved
/// scenario in `manifest.json`): kept as written, integers apart from other numbers.
public indirect enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .integer(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .bool(b): try c.encode(b)
        case let .integer(i): try c.encode(i)
        case let .number(d): try c.encode(d)
        case let .string(s): try c.encode(s)
        case let .array(a): try c.encode(a)
        case let .object(o): try c.encode(o)
        }
    }

    /// The member `key` of an object (nil for anything else).
    public subscript(key: String) -> JSONValue? {
        if case let .object(o) = self { return o[key] }
        return nil
    }

    public var string: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// A number (integers too; "NaN" as the calibration files write it), nil for anything else.
    public var number: Double? {
        switch self {
        case let .number(x): return x
        case let .integer(k): return Double(k)
        case let .string(s) where s == "NaN": return .nan
        default: return nil
        }
    }

    /// The elements of an array (empty for anything else).
    public var array: [JSONValue] {
        if case let .array(a) = self { return a }
        return []
    }
}

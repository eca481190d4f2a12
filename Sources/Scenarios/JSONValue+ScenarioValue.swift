import Documents
import Outputs

extension JSONValue {
    /// A scenario document as JSON, numbers and booleans recognised as `ScenarioValue.jsonObject`
    /// does (the manifest's resolved scenario).
    init(_ value: ScenarioValue) {
        switch value {
        case .null: self = .null
        case let .scalar(s, _):
            if let i = Int(s) { self = .integer(i) }
            else if let d = Double(s), d.isFinite { self = .number(d) }
            else if let b = ScenarioValue.boolean(s) { self = .bool(b) }
            else { self = .string(s) }
        case let .sequence(items, _): self = .array(items.map(JSONValue.init))
        case let .mapping(entries, _):
            var object: [String: JSONValue] = [:]
            for e in entries { object[e.key] = JSONValue(e.value) }
            self = .object(object)
        }
    }
}

import Foundation

/// A small JSON Schema (draft-07) validator for the keywords Scenarios/scenario.schema.json uses:
/// type, properties, additionalProperties, required, enum, minimum/maximum (and exclusive),
/// items, minItems/maxItems, oneOf/anyOf/allOf and local $ref. It lets the tests check the
/// schema against every example without Python. Returns the problems as "path: message".
struct JSONSchemaValidator {
    let root: [String: Any]

    func validate(_ value: Any) -> [String] { check(value, root, path: "$") }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String, ref.hasPrefix("#/") else { return schema }
        var node: Any = root
        for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] ?? [:] }
        return node as? [String: Any] ?? [:]
    }


    private static func typeMatches(_ v: Any, _ type: String) -> Bool {
        switch type {
        case "object": return v is [String: Any]
        case "array": return v is [Any]
        case "string": return v is String
        case "boolean": return v is Bool
        case "number": return v is Int || v is Double
        case "integer": return v is Int || (v as? Double).map { $0 == $0.rounded() } == true
        case "null": return v is NSNull
        default: return false
        }
    }

    private static func equal(_ a: Any, _ b: Any) -> Bool {
        if let x = a as? String, let y = b as? String { return x == y }
        if let x = a as? Bool, let y = b as? Bool { return x == y }
        if let x = a as? Double, let y = b as? Double { return x == y }
        if let x = a as? Int, let y = b as? Int { return x == y }
        return false
    }

    private func check(_ value: Any, _ raw: [String: Any], path: String) -> [String] {
        let schema = resolve(raw)
        var errors: [String] = []
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [type as? String ?? ""]
            // Swift's JSON numbers arrive as Int/Double/Bool; a Bool is never a number here.
            let ok = types.contains { t in value is Bool ? t == "boolean" : Self.typeMatches(value, t) }
            if !ok { return ["\(path): expected \(types.joined(separator: " or "))"] }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal($0, value) }) {
            errors.append("\(path): not one of the allowed values")
        }
        if let x = (value as? Double) ?? (value as? Int).map(Double.init), !(value is Bool) {
            if let m = schema["minimum"] as? Double, x < m { errors.append("\(path): below \(m)") }
            if let m = schema["maximum"] as? Double, x > m { errors.append("\(path): above \(m)") }
            if let m = schema["exclusiveMinimum"] as? Double, x <= m { errors.append("\(path): not above \(m)") }
            if let m = schema["exclusiveMaximum"] as? Double, x >= m { errors.append("\(path): not below \(m)") }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { errors.append("\(path): missing \(key)") }
            for (key, v) in object.sorted(by: { $0.key < $1.key }) {
                if let sub = properties[key] as? [String: Any] {
                    errors += check(v, sub, path: "\(path).\(key)")
                } else if let extra = schema["additionalProperties"] {
                    if let allowed = extra as? Bool, !allowed { errors.append("\(path): unexpected key \(key)") }
                    if let sub = extra as? [String: Any] { errors += check(v, sub, path: "\(path).\(key)") }
                }
            }
        }
        if let array = value as? [Any] {
            if let m = schema["minItems"] as? Int, array.count < m { errors.append("\(path): fewer than \(m) items") }
            if let m = schema["maxItems"] as? Int, array.count > m { errors.append("\(path): more than \(m) items") }
            if let items = schema["items"] as? [String: Any] {
                for (i, v) in array.enumerated() { errors += check(v, items, path: "\(path)[\(i)]") }
            }
        }
        if let all = schema["allOf"] as? [[String: Any]] { for s in all { errors += check(value, s, path: path) } }
        if let any = schema["anyOf"] as? [[String: Any]], !any.contains(where: { check(value, $0, path: path).isEmpty }) {
            errors.append("\(path): matches none of anyOf")
        }
        if let one = schema["oneOf"] as? [[String: Any]] {
            let matching = one.filter { check(value, $0, path: path).isEmpty }.count
            if matching != 1 { errors.append("\(path): matches \(matching) of oneOf, not exactly one") }
        }
        return errors
    }
}

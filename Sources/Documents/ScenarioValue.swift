import Foundation
import Yams

/// A parsed scenario document that remembers where every value came from (file, line, column),
/// so that every problem found later — by the decoder, by the simulator's checks, by a sweep
/// override — can be reported at its place in the file the user wrote.
public indirect enum ScenarioValue: Sendable, Equatable {
    case scalar(String, Origin)
    case mapping([Entry], Origin)
    case sequence([ScenarioValue], Origin)
    case null(Origin)

    public struct Entry: Sendable, Equatable {
        public var key: String
        public var keyOrigin: Origin
        public var value: ScenarioValue

        public init(key: String, keyOrigin: Origin, value: ScenarioValue) {
            self.key = key
            self.keyOrigin = keyOrigin
            self.value = value
        }
    }

    /// Where a value was written: the file and 1-based line and column (0 when made by `--set`).
    public struct Origin: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var column: Int
        public init(file: String, line: Int, column: Int) {
            self.file = file
            self.line = line
            self.column = column
        }
        public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }
    }

    public var origin: Origin {
        switch self {
        case let .scalar(_, o), let .mapping(_, o), let .sequence(_, o), let .null(o): return o
        }
    }

    /// Parses YAML (or JSON, which YAML reads) text.
    public static func parse(_ text: String, file: String) throws -> ScenarioValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ScenarioError.invalid([Diagnostic(yamlError: error, file: file)])
        }
        guard let node else { return .null(Origin(file: file, line: 1, column: 1)) }
        var order = DocumentOrder()
        return try convert(node, file: file, order: &order)
    }

    /// Nodes met in document order. The YAML composer resolves an alias to the node its anchor
    /// names, so an alias shows up as a node whose place is not after everything read so far; it
    /// is refused there, before `&a [*b, *b, …]` chains expand into billions of values.
    struct DocumentOrder {
        var last = (line: 0, column: 0)
        /// Whether the last place was a collection's own (its first key or item may share it).
        var openedCollection = false

        mutating func visit(_ node: Node, collection: Bool, file: String) throws {
            let here = (line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
            let after = here.line > last.line || (here.line == last.line && here.column > last.column)
            let same = here == last
            guard after || (same && openedCollection) || here.line == 0 else {
                throw ScenarioError.invalid([Diagnostic(Origin(file: file, line: last.line, column: last.column),
                    "YAML aliases are not supported in scenario files (after this place, an alias repeats the value at "
                    + "\(here.line):\(here.column)); write the value out")])
            }
            last = here
            openedCollection = collection
        }
    }

    static func convert(_ node: Node, file: String, order: inout DocumentOrder) throws -> ScenarioValue {
        let origin = Origin(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
        switch node {
        case .mapping, .sequence: try order.visit(node, collection: true, file: file)
        default: try order.visit(node, collection: false, file: file)
        }
        switch node {
        case let .scalar(s):
            if s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string) { return .null(origin) }
            return .scalar(s.string, origin)
        case let .mapping(m):
            var entries: [Entry] = []
            for (k, v) in m {
                let keyOrigin = Origin(file: file, line: k.mark?.line ?? 0, column: k.mark?.column ?? 0)
                guard case let .scalar(key) = k else {
                    throw ScenarioError.invalid([Diagnostic(keyOrigin, "a key must be plain text")])
                }
                try order.visit(k, collection: false, file: file)
                if entries.contains(where: { $0.key == key.string }) {
                    throw ScenarioError.invalid([Diagnostic(keyOrigin, "the key \"\(key.string)\" appears twice in this mapping")])
                }
                entries.append(Entry(key: key.string, keyOrigin: keyOrigin, value: try convert(v, file: file, order: &order)))
            }
            return .mapping(entries, origin)
        case let .sequence(seq):
            var items: [ScenarioValue] = []
            for item in seq { items.append(try convert(item, file: file, order: &order)) }
            return .sequence(items, origin)
        case .alias:
            throw ScenarioError.invalid([Diagnostic(origin, "YAML aliases are not supported in scenario files; write the value out")])
        }
    }

    /// The keys of a mapping, in order (empty for anything else).
    public var keys: [String] {
        guard case let .mapping(entries, _) = self else { return [] }
        return entries.map(\.key)
    }

    public subscript(key: String) -> ScenarioValue? {
        guard case let .mapping(entries, _) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// `base` overlaid by `self`: mappings merge key by key (recursively), anything else replaces.
    /// A key set to null (`generate: ~`) removes the base's key: how an overlay replaces a block of
    /// another kind (a generated network by a file) instead of merging into it.
    public func overlaid(on base: ScenarioValue) -> ScenarioValue {
        guard case let .mapping(mine, origin) = self, case .mapping(var merged, _) = base else { return self }
        for entry in mine {
            if case .null = entry.value {
                merged.removeAll { $0.key == entry.key }
                continue
            }
            if let i = merged.firstIndex(where: { $0.key == entry.key }) {
                merged[i] = Entry(key: entry.key, keyOrigin: entry.keyOrigin, value: entry.value.overlaid(on: merged[i].value))
            } else {
                merged.append(entry)
            }
        }
        return .mapping(merged, origin)
    }

    /// Without the entry `key` (top level).
    public func removing(_ key: String) -> ScenarioValue {
        guard case let .mapping(entries, origin) = self else { return self }
        return .mapping(entries.filter { $0.key != key }, origin)
    }

    /// Sets the value at a dotted path (`model.threshold`, `interventions.0.at`, `interventions[0].at`),
    /// creating mappings as needed. Throws when the path runs through a scalar or past a list's end.
    public static let maximumPathDepth = 64

    public func setting(_ path: String, to value: ScenarioValue) throws -> ScenarioValue {
        let parts = ScenarioPath.components(path)
        guard !parts.isEmpty else { throw ScenarioError.invalid([Diagnostic(value.origin, "empty parameter path")]) }
        // Scenario documents are a few levels deep; a path of thousands of parts is a mistake (and would exhaust the stack).
        guard parts.count <= Self.maximumPathDepth else {
            throw ScenarioError.invalid([Diagnostic(value.origin, "the parameter path has \(parts.count) parts; scenario paths have at most \(Self.maximumPathDepth)",
                                                    hint: "e.g. model.p or interventions[0].at")])
        }
        return try set(parts[...], value, fullPath: path)
    }

    private func set(_ parts: ArraySlice<String>, _ value: ScenarioValue, fullPath: String) throws -> ScenarioValue {
        guard let head = parts.first else { return value }
        let rest = parts.dropFirst()
        switch self {
        case let .sequence(items, origin):
            let i = try ScenarioValue.index(of: head, in: items, at: origin, fullPath: fullPath, valueOrigin: value.origin)
            var copy = items
            copy[i] = try items[i].set(rest, value, fullPath: fullPath)
            return .sequence(copy, origin)
        case let .mapping(entries, origin):
            var copy = entries
            if let i = entries.firstIndex(where: { $0.key == head }) {
                copy[i].value = try entries[i].value.set(rest, value, fullPath: fullPath)
            } else {
                copy.append(Entry(key: head, keyOrigin: value.origin, value: try ScenarioValue.null(value.origin).set(rest, value, fullPath: fullPath)))
            }
            return .mapping(copy, origin)
        case .null:
            return try ScenarioValue.mapping([], value.origin).set(parts, value, fullPath: fullPath)
        case let .scalar(_, origin):
            throw ScenarioError.invalid([Diagnostic(value.origin, "\(fullPath): the value at \(origin) is a single value, not a mapping with \"\(head)\"")])
        }
    }

    /// The item a path part names in a list: an index, or the `name:` of one item (then, when no
    /// item has that name, the `type:` of exactly one), so `interventions[two-day sprint].at` reads
    /// as the scenario does and survives reordering.
    public static func index(of part: String, in items: [ScenarioValue], at origin: Origin, fullPath: String, valueOrigin: Origin) throws -> Int {
        if let i = Int(part) {
            guard items.indices.contains(i) else {
                throw ScenarioError.invalid([Diagnostic(valueOrigin, "\(fullPath): \(i) is not an index of the list at \(origin) (0..<\(items.count))")])
            }
            return i
        }
        func text(_ item: ScenarioValue, _ key: String) -> String? {
            if case let .scalar(s, _)? = item[key] { return s }
            return nil
        }
        let named = items.indices.filter { text(items[$0], "name") == part }
        if named.count == 1 { return named[0] }
        let typed = items.indices.filter { text(items[$0], "type") == part }
        if named.isEmpty && typed.count == 1 { return typed[0] }
        let names = items.compactMap { text($0, "name") ?? text($0, "type") }
        let why = named.count > 1 || typed.count > 1 ? "names more than one item" : "is neither an index nor the name of an item"
        throw ScenarioError.invalid([Diagnostic(valueOrigin, "\(fullPath): \"\(part)\" \(why) of the list at \(origin)",
                                                hint: names.isEmpty ? "use an index 0..<\(items.count)"
                                                    : "items: \(names.map { "\"\($0)\"" }.joined(separator: ", ")), or an index 0..<\(items.count)")])
    }

    /// The value as JSON-compatible Foundation objects (numbers and booleans recognised), for the
    /// manifest's resolved scenario.
    public var jsonObject: Any {
        switch self {
        case .null: return NSNull()
        case let .scalar(s, _):
            if let i = Int(s) { return i }
            if let d = Double(s), d.isFinite { return d }
            if let b = ScenarioValue.boolean(s) { return b }
            return s
        case let .sequence(items, _): return items.map(\.jsonObject)
        case let .mapping(entries, _):
            var dict: [String: Any] = [:]
            for e in entries { dict[e.key] = e.value.jsonObject }
            return dict
        }
    }

    /// The value as compact JSON with sorted keys (`0`, `"degree"`, `[1,2]`), for messages and outputs.
    public var jsonText: String {
        let data = try? JSONSerialization.data(withJSONObject: jsonObject, options: [.sortedKeys, .fragmentsAllowed])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }

    public static func boolean(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }
}

/// Dotted parameter paths as sweeps and `--set` write them.
public enum ScenarioPath {
    /// `a.b[2].c` or `interventions[two-day sprint].at` as its parts; inside brackets a name may
    /// hold dots and spaces.
    public static func components(_ path: String) -> [String] {
        var parts: [String] = [], current = "", bracketed = false
        func flush() {
            let part = bracketed ? current.trimmingCharacters(in: .whitespaces) : current
            if !part.isEmpty { parts.append(part) }
            current = ""
        }
        for c in path {
            switch c {
            case "[" where !bracketed: flush(); bracketed = true
            case "]" where bracketed: flush(); bracketed = false
            case "." where !bracketed: flush()
            default: current.append(c)
            }
        }
        flush()
        return parts
    }
}

import Documents
import Foundation

/// An analyst's edits to machine themes (`edits.yaml`), applied in order on top of the fitted
/// analysis by `skein analyse --edits`. Themes are named by the ids of the analysis as fitted;
/// responses by their `row` in assignments.csv or their id. Every edit may say who made it (`by`,
/// else the file's `by`, else `--by-user`), when (`at`) and why (`note`):
///
///     by: alice
///     edits:
///       - rename: 3
///         to: Parking and transport
///         note: the board's words
///       - merge: [2, 5]            # into the first listed, unless into: says
///       - split: 4
///         term: parking            # responses in 4 mentioning it become a theme of their own
///       - split: 6
///         parts: 2                 # theme 6 clustered again into two
///       - move: [12, 40]           # rows (or ids: [...]) into a theme, or to: other
///         to: 3
///       - pin: 1                   # its label (or label: …) kept through later edits; a renamed
///                                  # theme keeps its new name too, until a split by clustering
///       - not_a_theme: 7           # its responses go to other, marked "not a theme"
public struct ThemeEdits: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case rename(theme: Int, label: String)
        case merge(themes: [Int], into: Int, label: String?)
        case splitByTerm(theme: Int, term: String, label: String?)
        case recluster(theme: Int, parts: Int)
        /// `to` nil: other.
        case move(rows: [Int], ids: [String], to: Int?)
        /// Keeps the theme's label (the one given, else its current one) through later edits.
        case pin(theme: Int, label: String?)
        case notATheme(theme: Int)

        public var kind: String {
            switch self {
            case .rename: return "rename"
            case .merge: return "merge"
            case .splitByTerm: return "split by term"
            case .recluster: return "split by clustering"
            case .move: return "move"
            case .pin: return "pin"
            case .notATheme: return "not a theme"
            }
        }
    }

    public struct Edit: Sendable, Equatable {
        public var action: Action
        public var by: String?
        public var at: String?
        public var note: String?
        /// Where it was written, for messages.
        public var origin: ScenarioValue.Origin
    }

    public var edits: [Edit]

    public init(edits: [Edit]) { self.edits = edits }

    static let actions = ["rename", "merge", "split", "move", "pin", "not_a_theme"]

    /// Reads an edits file; every problem found is reported at its line and column.
    public static func load(_ url: URL) throws -> ThemeEdits {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ScenarioError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        return try parse(text, file: url.path)
    }

    public static func parse(_ text: String, file: String) throws -> ThemeEdits {
        let document = try ScenarioValue.parse(text, file: file)
        var d: [Diagnostic] = []
        guard var top = FieldReader(document, path: "", &d) else { throw ScenarioError.invalid(d) }
        top.documentName = "the edits file"
        let defaultBy = top.string("by", &d)
        var edits: [Edit] = []
        if let list = top.required("edits", &d, hint: "a list of edits, each starting with one of: " + actions.joined(separator: ", ")) {
            if case let .sequence(items, _) = list {
                for (i, item) in items.enumerated() {
                    if let edit = parseEdit(item, path: "edits[\(i)]", &d) {
                        edits.append(Edit(action: edit.action, by: edit.by ?? defaultBy, at: edit.at, note: edit.note, origin: item.origin))
                    }
                }
            } else {
                d.append(Diagnostic(list.origin, "edits must be a list", hint: "write each edit on a line starting with \"- \""))
            }
        }
        top.finish(&d)
        guard d.isEmpty else { throw ScenarioError.invalid(d) }
        return ThemeEdits(edits: edits)
    }

    static func parseEdit(_ value: ScenarioValue, path: String, _ d: inout [Diagnostic]) -> Edit? {
        guard var r = FieldReader(value, path: path, &d) else { return nil }
        let named = actions.filter { r.has($0) }
        guard named.count == 1, let name = named.first else {
            d.append(Diagnostic(value.origin, named.isEmpty ? "\(path) names no edit" : "\(path) names \(named.count) edits (\(named.joined(separator: ", ")))",
                                hint: "start each edit with exactly one of: " + actions.joined(separator: ", ")))
            return nil
        }
        let by = r.string("by", &d), at = r.string("at", &d), note = r.string("note", &d)
        func theme(_ key: String) -> Int? { r.int(key, &d, min: 0) }
        var action: Action?
        switch name {
        case "rename":
            if let t = theme("rename"), let label = r.required("to", &d, hint: "the new label").flatMap({ FieldReader.string($0, r.name("to"), &d) }) {
                action = .rename(theme: t, label: label)
            }
        case "pin":
            let label = r.string("label", &d)
            if let t = theme("pin") { action = .pin(theme: t, label: label) }
        case "merge":
            let list = r.value("merge").flatMap { ints($0, r.name("merge"), &d) }
            let into = r.int("into", &d, min: 0), label = r.string("label", &d)
            if let list {
                if list.count < 2 {
                    d.append(Diagnostic(value.origin, "\(r.name("merge")) needs at least two themes (got \(list.count))"))
                } else if let into, !list.contains(into) {
                    d.append(Diagnostic(value.origin, "\(r.name("into")) = \(into) is not one of the themes merged (\(list.map(String.init).joined(separator: ", ")))"))
                } else {
                    action = .merge(themes: list, into: into ?? list[0], label: label)
                }
            }
        case "split":
            let t = theme("split")
            let term = r.string("term", &d), parts = r.int("parts", &d, min: 2, max: 20), label = r.string("label", &d)
            switch (term, parts) {
            case let (term?, nil): if let t { action = .splitByTerm(theme: t, term: term, label: label) }
            case let (nil, parts?): if let t { action = .recluster(theme: t, parts: parts) }
            default:
                d.append(Diagnostic(value.origin, "\(path) splits by a term (term: word) or by clustering (parts: N): give one",
                                    hint: "e.g. split: 4 with term: parking, or split: 4 with parts: 2"))
            }
            if parts != nil && label != nil { d.append(Diagnostic(value.origin, "\(r.name("label")) names a term split's new theme; a split by clustering labels its parts itself")) }
        case "move":
            let rows = r.value("move").flatMap { ints($0, r.name("move"), &d) } ?? []
            let ids = r.strings("ids", &d) ?? []
            var to: Int??
            if let v = r.required("to", &d, hint: "a theme id, or other") {
                if case let .scalar(s, _) = v, s.lowercased() == "other" { to = .some(nil) } else if let t = FieldReader.int(v, r.name("to"), &d, min: 0) { to = .some(t) }
            }
            if rows.isEmpty && ids.isEmpty { d.append(Diagnostic(value.origin, "\(path) moves nothing: list rows (move: [12, 40]) or ids (ids: [...])")) }
            if let to, !(rows.isEmpty && ids.isEmpty) { action = .move(rows: rows, ids: ids, to: to) }
        default:
            if let t = theme("not_a_theme") { action = .notATheme(theme: t) }
        }
        r.finish(&d)
        return action.map { Edit(action: $0, by: by, at: at, note: note, origin: value.origin) }
    }

    /// A list of whole numbers (a single one reads as a list of one).
    static func ints(_ v: ScenarioValue, _ name: String, _ d: inout [Diagnostic]) -> [Int]? {
        if case let .sequence(items, _) = v {
            let values = items.enumerated().map { FieldReader.int($1, "\(name)[\($0)]", &d, min: 0) }
            return values.contains(nil) ? nil : values.map { $0! }
        }
        return FieldReader.int(v, name, &d, min: 0).map { [$0] }
    }
}

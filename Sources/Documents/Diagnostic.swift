import Foundation
import Yams

/// One problem in a scenario, at its place: `file:line:column: message` plus a hint.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var origin: ScenarioValue.Origin
    public var message: String
    public var hint: String?

    public init(_ origin: ScenarioValue.Origin, _ message: String, hint: String? = nil) {
        self.origin = origin
        self.message = message
        self.hint = hint
    }

    init(yamlError: YamlError, file: String) {
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            self.init(ScenarioValue.Origin(file: file, line: mark.line, column: mark.column), "not valid YAML: \(what)",
                      hint: "check the indentation and that every \"key: value\" has a space after the colon")
        default:
            self.init(ScenarioValue.Origin(file: file, line: 0, column: 0), "not valid YAML: \(yamlError)")
        }
    }

    public var description: String {
        "\(origin): \(message)" + (hint.map { " (hint: \($0))" } ?? "")
    }
}

/// Why a scenario cannot be used: every problem found, or a file that cannot be read.
public enum ScenarioError: Error, Sendable, CustomStringConvertible {
    case invalid([Diagnostic])
    case unreadable(file: String, reason: String)
    case extendsCycle([String])

    public var description: String {
        switch self {
        case let .invalid(list): return list.map(\.description).joined(separator: "\n")
        case let .unreadable(file, reason): return "\(file): cannot read the scenario: \(reason)"
        case let .extendsCycle(chain): return "extends: cycle \(chain.joined(separator: " → "))"
        }
    }

    public var diagnostics: [Diagnostic] {
        if case let .invalid(list) = self { return list }
        return []
    }
}

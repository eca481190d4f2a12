import Foundation
import Outputs

/// The arms a scenario is compared with (`compare:`). Each arm is the base with values changed as
/// `--set` changes them, or with interventions left out, run on the base's seed: replicate r of
/// every arm draws from the same (seed, r, purpose) streams, so arms differ by what was changed,
/// not by luck, and their differences are estimated from paired replicates.
public enum Comparison: Sendable {
    /// Nothing written: an arm "without interventions" when the scenario has any.
    case automatic
    /// `compare: none`.
    case none
    /// Listed arms; `automatic` adds the arm without interventions unless a listed arm is already that.
    case arms([Arm], automatic: Bool)

    public struct Arm: Sendable {
        public var name: String
        /// Values changed, in order, as `--set path=value` changes them.
        public var assignments: [(path: String, value: ScenarioValue)]
        /// Interventions left out, by name, type or index (`interventions[…]` path parts).
        public var without: [String]
        /// Leave out every intervention.
        public var withoutAll: Bool
        public var origin: ScenarioValue.Origin

        public init(name: String, assignments: [(path: String, value: ScenarioValue)] = [], without: [String] = [],
                    withoutAll: Bool = false, origin: ScenarioValue.Origin) {
            self.name = name
            self.assignments = assignments
            self.without = without
            self.withoutAll = withoutAll
            self.origin = origin
        }

        /// The arm every scenario with interventions gets unless it says `compare: none`.
        public static func withoutInterventions(_ origin: ScenarioValue.Origin) -> Arm {
            Arm(name: automaticName, withoutAll: true, origin: origin)
        }

        public static let automaticName = RunSummary.Arm.withoutInterventions

        /// The arm as a folder name under `arms/`.
        public var folderName: String {
            let safe = String(name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
            let parts = safe.split(separator: "-", omittingEmptySubsequences: true)
            return parts.isEmpty ? "arm" : parts.joined(separator: "-")
        }

        /// The base document with this arm's changes.
        func apply(to base: ScenarioValue) throws -> ScenarioValue {
            var doc = base
            if withoutAll {
                doc = try doc.setting("interventions", to: .sequence([], origin))
            } else if !without.isEmpty, case let .sequence(items, listOrigin)? = doc["interventions"] {
                var drop = Set<Int>()
                for part in without {
                    drop.insert(try ScenarioValue.index(of: part, in: items, at: listOrigin, fullPath: "compare: \(name): without",
                                                        valueOrigin: origin))
                }
                let kept = items.indices.filter { !drop.contains($0) }.map { items[$0] }
                doc = try doc.setting("interventions", to: .sequence(kept, listOrigin))
            } else if !without.isEmpty {
                throw ScenarioError.invalid([Diagnostic(origin, "compare: \(name): without names interventions, but the scenario has none")])
            }
            for (path, value) in assignments { doc = try doc.setting(path, to: value) }
            return doc
        }
    }
}

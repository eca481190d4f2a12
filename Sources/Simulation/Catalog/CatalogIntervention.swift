/// An intervention that describes itself for scenario files: its keys beyond the schedule
/// (`type`, `name`, `at`, `every`, `until`, which every kind has), a summary, and how to build it.
/// Conform in the intervention's own file and add one line to `InterventionCatalog`.
public protocol CatalogIntervention: Intervention {
    static var summary: String { get }
    static var parameters: [CatalogParameter] { get }
    init(name: String?, schedule: Schedule, parameters: CatalogValues) throws
}

/// Every intervention kind by name, for scenario files and `skein schema`. Adding one is its file
/// (with its `CatalogIntervention` conformance), one line here and its test file.
public enum InterventionCatalog {
    public static let all: [any CatalogIntervention.Type] = [
        SeedIntervention.self, NetworkEvent.self, TrainingCohort.self, NetworkWeaving.self, StaffTurnover.self, Removal.self,
    ]

    public static var kinds: [String] { all.map { $0.kind } }

    public static func named(_ kind: String) -> (any CatalogIntervention.Type)? { all.first { $0.kind == kind } }

    /// The keys every kind has.
    public static let scheduleKeys = ["type", "name", "at", "every", "until"]
}

/// Where an agent stands with the change being spread.
public enum AdoptionState: UInt8, Sendable, CaseIterable, Codable {
    /// Has not heard of it.
    case unaware = 0
    /// Has heard of it (or been infected but not yet adopted, in epidemic terms "exposed").
    case aware = 1
    /// Practises it ("adopted", "infected", "active").
    case adopted = 2
    /// Adopted once and stopped ("recovered", "dropped out").
    case lapsed = 3
    /// Left the network (a removal intervention): neither adopts nor passes anything on. Its raw
    /// value is above `adopted`, so every model's "can still adopt" test (`state < adopted`)
    /// excludes it without an extra check in the hot loop.
    case removed = 4

    /// Number of states: the width of every per-state count.
    public static let count = 5

    public var name: String {
        switch self {
        case .unaware: "unaware"
        case .aware: "aware"
        case .adopted: "adopted"
        case .lapsed: "lapsed"
        case .removed: "removed"
        }
    }
}

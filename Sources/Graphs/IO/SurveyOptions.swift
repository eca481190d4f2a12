/// How a name-generator survey is laid out: one row per respondent, nominees in columns.
public struct SurveyOptions: Sendable, Hashable {
    /// How nominees name the people they nominate.
    public enum Matching: String, Sendable, CaseIterable {
        /// By the respondents' id column.
        case id
        /// By the respondents' name column, ignoring case and runs of spaces.
        case name
    }

    /// The respondent id column (nil: `id`, `respondent`, `respondent_id`, `node_id`, or the first column).
    public var respondent: String?
    /// The column of respondents' names, for `matching: .name` (nil: `name`, `full name`, `label`).
    public var names: String?
    /// Nominee columns, each group a relation layer: `[("advice", ["net1_1", "net1_2"])]`. Empty:
    /// columns named a prefix and a number (`nominee1`, `net2_3`), grouped by prefix.
    public var layers: [Layer]
    /// Ids are unique within this column's groups only (towns, villages): made unique as
    /// netdiffuseR does, and nominees taken to be in their nominator's group.
    public var group: String?
    public var matching: Matching
    /// Keep nominees who did not answer the survey (as people without attributes); else drop them.
    public var keepUnsurveyed: Bool
    /// Cell values that mean "no one" (besides an empty cell).
    public var missing: Set<String>

    public struct Layer: Sendable, Hashable {
        /// The relation's name ("" for a single unnamed list of nominees).
        public var name: String
        /// Column names, or prefixes ending in `*` (`net1_*`).
        public var columns: [String]
        public init(name: String, columns: [String]) {
            self.name = name
            self.columns = columns
        }
    }

    public init(respondent: String? = nil, names: String? = nil, layers: [Layer] = [], group: String? = nil,
                matching: Matching = .id, keepUnsurveyed: Bool = false, missing: Set<String> = ["na", "n/a", "-", "none", "."]) {
        self.respondent = respondent
        self.names = names
        self.layers = layers
        self.group = group
        self.matching = matching
        self.keepUnsurveyed = keepUnsurveyed
        self.missing = missing
    }
}

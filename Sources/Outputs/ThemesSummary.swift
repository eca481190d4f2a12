import Foundation

/// `themes.json` of an analysis folder (`skein analyse`): the input, the command that reproduces
/// it, counts (empty, other, repeated), and every theme with its terms, quotes and breakdowns.
public struct ThemesSummary: Codable, Sendable, Equatable {
    /// A response quoted as representative of a theme.
    public struct Quote: Codable, Sendable, Equatable {
        public var row: Int
        public var id: String
        public var text: String
        public init(row: Int, id: String, text: String) {
            self.row = row
            self.id = id
            self.text = text
        }
    }

    /// One group's presence in a theme against the whole event.
    public struct Presence: Codable, Sendable, Equatable {
        public var level: String
        public var count: Int
        public var shareInTheme: Double
        public var shareOverall: Double
        public var lift: Double
        /// At least 1.5 times its overall share and 2 binomial standard errors above it.
        public var overRepresented: Bool
        public init(level: String, count: Int, shareInTheme: Double, shareOverall: Double, lift: Double, overRepresented: Bool) {
            self.level = level
            self.count = count
            self.shareInTheme = shareInTheme
            self.shareOverall = shareOverall
            self.lift = lift
            self.overRepresented = overRepresented
        }
        enum CodingKeys: String, CodingKey {
            case level, count, lift
            case shareInTheme = "share_in_theme", shareOverall = "share_overall", overRepresented = "over_represented"
        }
    }

    public struct Theme: Codable, Sendable, Equatable {
        public var id: Int
        public var size: Int
        public var share: Double
        public var label: String
        public var terms: [String]
        public var bigrams: [String]
        public var cohesion: Double
        public var representatives: [Quote]
        /// `--by` column → its levels' presence.
        public var breakdown: [String: [Presence]]
        public init(id: Int, size: Int, share: Double, label: String, terms: [String], bigrams: [String], cohesion: Double,
                    representatives: [Quote], breakdown: [String: [Presence]]) {
            self.id = id
            self.size = size
            self.share = share
            self.label = label
            self.terms = terms
            self.bigrams = bigrams
            self.cohesion = cohesion
            self.representatives = representatives
            self.breakdown = breakdown
        }
    }

    /// Responses written identically (the first 20 groups).
    public struct DuplicateGroup: Codable, Sendable, Equatable {
        public var count: Int
        public var rows: [Int]
        public var text: String
        public init(count: Int, rows: [Int], text: String) {
            self.count = count
            self.rows = rows
            self.text = text
        }
    }

    /// Responses one term apart (the first 20 groups, up to 200 rows and 5 texts each).
    public struct NearDuplicateGroup: Codable, Sendable, Equatable {
        public var count: Int
        public var rows: [Int]
        public var texts: [String]
        public init(count: Int, rows: [Int], texts: [String]) {
            self.count = count
            self.rows = rows
            self.texts = texts
        }
    }

    /// An analyst's edit as it was applied (or why it could not be): `skein analyse --edits`.
    public struct Edit: Codable, Sendable, Equatable {
        /// Its place in the edits file, from 1.
        public var number: Int
        public var kind: String
        /// The themes it named (as fitted), and the themes it made.
        public var themes: [Int]
        public var created: [Int]
        public var by: String?
        public var at: String?
        public var note: String?
        public var applied: Bool
        /// What it did, or why it was not applied, in words.
        public var outcome: String
        /// Responses whose theme it changed.
        public var responses: Int
        public init(number: Int, kind: String, themes: [Int], created: [Int], by: String?, at: String?, note: String?,
                    applied: Bool, outcome: String, responses: Int) {
            self.number = number
            self.kind = kind
            self.themes = themes
            self.created = created
            self.by = by
            self.at = at
            self.note = note
            self.applied = applied
            self.outcome = outcome
            self.responses = responses
        }
    }

    public var file: String
    /// The `skein` arguments that reproduce the analysis (input path absolute, no --out).
    public var command: [String]
    public var responses: Int
    public var empty: Int
    public var other: Int
    public var duplicates: Int
    public var themesFound: Int
    public var vocabulary: Int
    /// Adjusted Rand index across three seeds; nil when not measured.
    public var stability: Double?
    public var themes: [Theme]
    public var duplicateGroups: [DuplicateGroup]
    public var nearDuplicates: Int
    public var nearDuplicateGroups: [NearDuplicateGroup]
    /// What redaction replaced in the text before analysis, by kind (`nhs_number`, `email`,
    /// `phone`, `postcode`, `name`); nil when redaction was off.
    public var redactions: [String: Int]?
    /// The analyst's edits, in the order applied; nil when none were given.
    public var edits: [Edit]?

    public init(file: String, command: [String], responses: Int, empty: Int, other: Int, duplicates: Int, themesFound: Int,
                vocabulary: Int, stability: Double?, themes: [Theme], duplicateGroups: [DuplicateGroup], nearDuplicates: Int,
                nearDuplicateGroups: [NearDuplicateGroup]) {
        self.file = file
        self.command = command
        self.responses = responses
        self.empty = empty
        self.other = other
        self.duplicates = duplicates
        self.themesFound = themesFound
        self.vocabulary = vocabulary
        self.stability = stability
        self.themes = themes
        self.duplicateGroups = duplicateGroups
        self.nearDuplicates = nearDuplicates
        self.nearDuplicateGroups = nearDuplicateGroups
    }

    enum CodingKeys: String, CodingKey {
        case file, command, responses, empty, other, duplicates, vocabulary, stability, themes
        case themesFound = "themes_found", duplicateGroups = "duplicate_groups", nearDuplicates = "near_duplicates"
        case nearDuplicateGroups = "near_duplicate_groups", redactions, edits
    }

    /// `stability` is written as null when unmeasured (not left out), as the contract says.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(command, forKey: .command)
        try c.encode(responses, forKey: .responses)
        try c.encode(empty, forKey: .empty)
        try c.encode(other, forKey: .other)
        try c.encode(duplicates, forKey: .duplicates)
        try c.encode(themesFound, forKey: .themesFound)
        try c.encode(vocabulary, forKey: .vocabulary)
        try c.encode(stability, forKey: .stability)
        try c.encode(themes, forKey: .themes)
        try c.encode(duplicateGroups, forKey: .duplicateGroups)
        try c.encode(nearDuplicates, forKey: .nearDuplicates)
        try c.encode(nearDuplicateGroups, forKey: .nearDuplicateGroups)
        try c.encodeIfPresent(redactions, forKey: .redactions)
        try c.encodeIfPresent(edits, forKey: .edits)
    }
}

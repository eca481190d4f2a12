import Foundation

/// The folders `skein analyse` (themes) and `skein analyse-votes` (opinion groups) write: their
/// file names and columns, defined once for the writers, the reports and the notebooks.
public enum AnalysisFolder {
    public enum File {
        public static let assignments = "assignments.csv"
        public static let themesTable = "themes.csv"
        public static let themes = "themes.json"
        public static let groups = "groups.csv"
        public static let statements = "statements.csv"
        public static let votesSummary = "summary.json"
        public static let account = "summary.md"
        public static let report = "report.html"
        public static let history = "themes-history.csv"
        public static let workbook = "themes.xlsx"
        /// `skein analyse --watch`: every refit, with the ids kept, new, retired, split and merged.
        public static let refits = "refits.json"
    }

    /// `assignments.csv`, then one column per `--by` attribute.
    public static let assignmentColumns = ["row", "id", "theme", "similarity", "status", "x", "y"]
    public static let themeColumns = ["theme", "size", "share", "label", "terms", "bigrams", "cohesion",
                                      "representative_1", "representative_2", "representative_3"]
    /// `themes-history.csv`: every response's theme as fitted beside its theme after the analyst's
    /// edits, and the edits (numbers in the edits file) that moved it.
    public static let historyColumns = ["row", "id", "original_theme", "original_label", "theme", "label", "edits"]
    public static let groupColumns = ["participant", "group", "x", "y", "votes"]
    public static let statementColumns = ["kind", "group", "rank", "comment", "direction", "probability", "representativeness", "z", "text"]

    public enum Kind: Sendable { case themes, votes }

    /// Which analysis wrote `dir`, by its key file (nil: neither).
    public static func kind(of dir: URL) -> Kind? {
        let fm = FileManager.default
        if fm.fileExists(atPath: dir.appendingPathComponent(File.themes).path) { return .themes }
        if fm.fileExists(atPath: dir.appendingPathComponent(File.groups).path) { return .votes }
        return nil
    }

    public static func themes(_ dir: URL) throws -> ThemesSummary {
        guard let s = try RunFolder.json(ThemesSummary.self, dir.appendingPathComponent(File.themes)) else {
            throw RunFolder.ReadError.unreadable(file: dir.appendingPathComponent(File.themes).path, why: "missing")
        }
        return s
    }

    /// The votes summary; nil when the folder has none.
    public static func votes(_ dir: URL) throws -> VotesSummary? {
        try RunFolder.json(VotesSummary.self, dir.appendingPathComponent(File.votesSummary))
    }
}

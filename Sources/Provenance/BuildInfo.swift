/// What build of Skein is running: version, git commit and compiler.
public enum BuildInfo {
    /// Skein's semantic version.
    public static let version = "0.1.0"

    /// The git commit the binary was built from, or "unknown" outside a checkout.
    public static var commit: String { GeneratedBuildInfo.commit }

    /// The commit's date (ISO 8601), or "unknown".
    public static var commitDate: String { GeneratedBuildInfo.commitDate }

    /// True when tracked files had uncommitted changes at build time: results are then not
    /// reproducible from the commit alone.
    public static var dirty: Bool { GeneratedBuildInfo.dirty }

    /// The first line of `swiftc --version` at build time, else the language version compiled with.
    public static var compiler: String {
        GeneratedBuildInfo.compiler.isEmpty ? "Swift \(swiftLanguageVersion)" : GeneratedBuildInfo.compiler
    }

    /// The Swift compiler version this binary was compiled with, to the minor version.
    public static var swiftLanguageVersion: String {
        #if compiler(>=7.0)
        return "7.x"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    /// "0.1.0 (commit 1a2b3c4d5e6f)" or with "+dirty" when built from a modified tree.
    public static var versionString: String {
        let short = commit == "unknown" ? "unknown" : String(commit.prefix(12))
        return "\(version) (commit \(short)\(dirty ? "+dirty" : ""))"
    }
}

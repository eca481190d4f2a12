import Foundation

/// Where tests find the repository, its fixtures, and the shared public data beside the checkout.
public enum Fixtures {
    /// The repository root, found from this file's compile-time path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures` inside the repository (small files copied in under their licences).
    public static var directory: URL { repositoryRoot.appendingPathComponent("Tests/Fixtures") }

    /// `../shared/data` beside the checkout, or nil when it is absent (tests then skip, saying so).
    public static var sharedData: URL? {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The directory holding the built products (where `skein` is), from the running test binary.
    public static var productsDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }
}

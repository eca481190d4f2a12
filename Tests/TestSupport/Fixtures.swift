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

    /// A folder of this test process's own under the system's temporary directory, made on first
    /// use and removed when the process exits: tests put their files here, so a run leaves nothing
    /// behind (a CI machine's /tmp does not fill up run after run).
    public static let temporaryDirectory: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("skein-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        // Runs at exit, long after this initialiser has finished.
        atexit { try? FileManager.default.removeItem(at: Fixtures.temporaryDirectory) }
        return url
    }()

    /// The directory holding the built products (where `skein` is), from the running test binary.
    public static var productsDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }
}

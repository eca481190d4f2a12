import Foundation

/// The Python with networkx and openpyxl that `scripts/interop-venv.sh` makes (`make test` runs it),
/// for round trips against independent readers and writers. nil, with a message, where it is
/// absent; under CI it must be there, so a missing interpreter fails rather than skips.
public enum InteropPython {
    public static var executable: URL? {
        let url = Fixtures.repositoryRoot.appendingPathComponent(".build/interop-venv/bin/python")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    /// Runs `Tests/GraphsTests/Interop/interop.py` with `arguments`; its standard output.
    public static func run(_ arguments: [String]) throws -> String? {
        guard let python = executable else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                throw InteropError(message: "CI=true but .build/interop-venv is missing: make test runs scripts/interop-venv.sh first")
            }
            print("skipped: no .build/interop-venv (scripts/interop-venv.sh makes it; make test runs it)")
            return nil
        }
        let script = Fixtures.repositoryRoot.appendingPathComponent("Tests/GraphsTests/Interop/interop.py")
        let result = try CommandRunner.run(python, [script.path] + arguments)
        guard result.status == 0 else { throw InteropError(message: result.stderr) }
        return result.stdout
    }

    public struct InteropError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { "interop.py failed: \(message)" }
    }
}

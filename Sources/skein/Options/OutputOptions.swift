import Foundation
import ArgumentParser

/// `--json`: quiet, machine-readable output for scripts.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON object on stdout instead of text.")
    var json = false
}

extension OutputOptions {
    /// Prints one JSON object (sorted keys, one line): what `--json` promises scripts.
    static func printJSON(_ object: [String: Any]) throws {
        print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
    }

    /// A folder's typed summary as it is written, with the elapsed time and output folder added.
    static func printJSON<T: Encodable>(_ value: T, seconds: Double, out: URL) throws {
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any] ?? [:]
        try printJSON(object, seconds: seconds, out: out)
    }

    /// A summary object with the elapsed time and output folder added.
    static func printJSON(_ object: [String: Any], seconds: Double, out: URL) throws {
        var o = object
        o["seconds"] = seconds
        o["out"] = out.path
        try printJSON(o)
    }
}

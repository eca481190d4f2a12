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

    /// `value` as JSON with `encoder`'s keys and layout, where NaN and infinities (an assortativity
    /// of a regular graph, a mean of nothing) are null: JSON has no such numbers, and a script
    /// should get the rest of the result, not an encoding error.
    static func text<T: Encodable>(_ value: T, encoder: JSONEncoder) throws -> String {
        let marker = "\u{1}skein-not-finite\u{1}"
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: marker, negativeInfinity: marker, nan: marker)
        let object = try JSONSerialization.jsonObject(with: try encoder.encode(value), options: [.fragmentsAllowed])
        func clean(_ x: Any) -> Any {
            if let s = x as? String, s == marker { return NSNull() }
            if let a = x as? [Any] { return a.map(clean) }
            if let d = x as? [String: Any] { return d.mapValues(clean) }
            return x
        }
        let data = try JSONSerialization.data(withJSONObject: clean(object), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }
}

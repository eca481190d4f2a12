import Foundation

/// What can go wrong reading a model or installing one: each case names the file or tensor and
/// what was expected, so a damaged download or a wrong folder is reported, never trapped on.
public enum EncoderError: Error, CustomStringConvertible, Equatable {
    /// The model folder or one of its files is missing.
    case missing(path: String, hint: String)
    /// A safetensors file whose header or data does not hold together.
    case malformedWeights(path: String, why: String)
    /// A tensor the encoder needs is absent or has another shape or type.
    case tensor(name: String, path: String, why: String)
    /// A configuration file the encoder cannot follow.
    case configuration(path: String, why: String)
    /// A vocabulary file that is empty or lacks the special tokens.
    case vocabulary(path: String, why: String)
    /// A download whose checksum is not the pinned one.
    case checksum(path: String, expected: String, found: String)
    /// Installing failed (pip, unpacking).
    case install(String)
    /// An unknown model name.
    case unknownModel(name: String, known: [String])

    public var description: String {
        switch self {
        case let .missing(path, hint): return "\(path): not found. \(hint)"
        case let .malformedWeights(path, why): return "\(path): not a valid safetensors file: \(why)"
        case let .tensor(name, path, why): return "\(path): tensor \(name): \(why)"
        case let .configuration(path, why): return "\(path): \(why)"
        case let .vocabulary(path, why): return "\(path): \(why)"
        case let .checksum(path, expected, found):
            return "\(path): SHA-256 is \(found), expected \(expected); the download is damaged or not the pinned model"
        case let .install(why): return "installing the model failed: \(why)"
        case let .unknownModel(name, known):
            return "unknown encoder '\(name)'; known: \(known.joined(separator: ", "))"
        }
    }
}

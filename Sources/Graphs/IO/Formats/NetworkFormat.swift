import Foundation
import Tables

/// A file format networks are read from or written to. Each format is one file in this folder and
/// one line in `NetworkFormatCatalog`; the catalog picks a format by `--format`, by extension, and
/// (where formats share an extension, as Kumu and Polinode share `.json`) by what the file holds.
public protocol NetworkFormat: Sendable {
    /// The name `--format` and scenario files use (`kumu`).
    static var name: String { get }
    /// Extensions (lower case, no dot) that name this format.
    static var extensions: [String] { get }
    /// One line on where such files come from.
    static var summary: String { get }
    static var canRead: Bool { get }
    static var canWrite: Bool { get }
    /// Whether a file with one of `extensions` holds this format (checked when several formats
    /// share an extension; the first that claims a file reads it).
    static func claims(_ url: URL) -> Bool
    static func read(_ url: URL, options: NetworkReadOptions) throws -> Graph
    static func write(_ graph: Graph, to url: URL) throws
}

extension NetworkFormat {
    public static var canRead: Bool { true }
    public static var canWrite: Bool { false }
    public static func claims(_ url: URL) -> Bool { true }
    public static func read(_ url: URL, options: NetworkReadOptions) throws -> Graph {
        throw NetworkFormatError.cannotRead(format: name)
    }
    public static func write(_ graph: Graph, to url: URL) throws {
        throw NetworkFormatError.cannotWrite(format: name, writable: NetworkFormatCatalog.writable.map { $0.name })
    }
}

/// How to read a network file, beyond what its format says.
public struct NetworkReadOptions: Sendable {
    /// Direction, duplicate and self-loop policies, and delimited-text settings for edge lists.
    public var edges: EdgeListOptions
    /// The workbook sheets holding people and ties (nil: found by name, `Elements`/`Nodes`/
    /// `Vertices` and `Connections`/`Edges`/`Ties`, or by their columns).
    public var nodesSheet: String?
    public var edgesSheet: String?
    /// How a name-generator survey names its nominees and respondents.
    public var survey: SurveyOptions
    /// Told what a reader did that the user should know (nominees who matched nobody, with a
    /// did-you-mean; nominees dropped as unsurveyed). nil: not told.
    public var notice: (@Sendable (String) -> Void)?

    public init(edges: EdgeListOptions = EdgeListOptions(), nodesSheet: String? = nil, edgesSheet: String? = nil,
                survey: SurveyOptions = SurveyOptions(), notice: (@Sendable (String) -> Void)? = nil) {
        self.edges = edges
        self.nodesSheet = nodesSheet
        self.edgesSheet = edgesSheet
        self.survey = survey
        self.notice = notice
    }
}

/// A problem choosing or using a format.
public enum NetworkFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownFormat(String, suggestion: String?, known: [String])
    case cannotRead(format: String)
    case cannotWrite(format: String, writable: [String])
    case unknownExtension(path: String, known: [String])

    public var description: String {
        switch self {
        case let .unknownFormat(name, suggestion, known):
            return "unknown network format \"\(name)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
                + " (formats: \(known.joined(separator: ", ")))"
        case let .cannotRead(format): return "Skein writes \(format) files but does not read them"
        case let .cannotWrite(format, writable):
            return "Skein reads \(format) files but does not write them (it writes \(writable.joined(separator: ", ")))"
        case let .unknownExtension(path, known):
            return "\(path): the extension names no network format Skein writes (use one of .\(known.joined(separator: ", .")) or --to)"
        }
    }
}

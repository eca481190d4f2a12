import Foundation
import Tables

/// Every network file format by name, for `--format`, `skein network convert` and scenario files.
public enum NetworkFormatCatalog {
    public static let all: [any NetworkFormat.Type] = [
        EdgeListFormat.self, GraphMLFormat.self, GEXFFormat.self, PajekFormat.self, VNAFormat.self,
        KumuFormat.self, PolinodeFormat.self, NodeXLFormat.self, WorkbookFormat.self, SurveyFormat.self,
    ]

    /// Other names people use for a format.
    static let aliases = ["csv": "edgelist", "tsv": "edgelist", "whitespace": "edgelist", "gephi": "edgelist",
                          "edges": "edgelist", "ucinet": "vna", "net": "pajek", "excel": "xlsx", "workbook": "xlsx"]

    public static var names: [String] { all.map { $0.name } }
    public static var writable: [any NetworkFormat.Type] { all.filter { $0.canWrite } }

    /// The format called `name` (or one of its aliases), or an error with a did-you-mean.
    public static func named(_ name: String) throws -> any NetworkFormat.Type {
        let key = aliases[name.lowercased()] ?? name.lowercased()
        guard let format = all.first(where: { $0.name == key }) else {
            throw NetworkFormatError.unknownFormat(name, suggestion: Spelling.nearest(name, in: names + aliases.keys.sorted()), known: names)
        }
        return format
    }

    /// The format a file to read is in: the first whose extension matches and that claims the
    /// content; anything unrecognised is an edge list (the commonest file there is).
    public static func reader(for url: URL) -> any NetworkFormat.Type {
        let ext = url.pathExtension.lowercased()
        return all.first { $0.canRead && $0.extensions.contains(ext) && $0.claims(url) } ?? EdgeListFormat.self
    }

    /// The format a file is to be written in, from its extension.
    public static func writer(for url: URL) throws -> any NetworkFormat.Type {
        let ext = url.pathExtension.lowercased()
        guard let format = all.first(where: { $0.canWrite && $0.extensions.contains(ext) }) else {
            throw NetworkFormatError.unknownExtension(path: url.path, known: writable.flatMap { $0.extensions })
        }
        return format
    }

    /// Reads a network file in the named format (nil: chosen from the file).
    public static func read(_ url: URL, format: String? = nil, options: NetworkReadOptions = NetworkReadOptions()) throws -> Graph {
        let chosen = try format.map(named) ?? reader(for: url)
        guard chosen.canRead else { throw NetworkFormatError.cannotRead(format: chosen.name) }
        return try chosen.read(url, options: options)
    }

    /// Writes a network in the named format (nil: from the extension), atomically.
    public static func write(_ graph: Graph, to url: URL, format: String? = nil) throws {
        let chosen = try format.map(named) ?? writer(for: url)
        guard chosen.canWrite else {
            throw NetworkFormatError.cannotWrite(format: chosen.name, writable: writable.map { $0.name })
        }
        try chosen.write(graph, to: url)
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Tables

/// A small element tree read with Foundation's XMLParser (libxml2), keeping the line of every
/// element so GraphML and GEXF errors can point at it. Namespaces are stripped from names.
final class XMLElement {
    let name: String
    let attributes: [String: String]
    let line: Int
    var children: [XMLElement] = []
    var text = ""

    init(name: String, attributes: [String: String], line: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }
    /// The text of this element and of every element inside it, in document order.
    var allText: String { text + children.map(\.allText).joined() }
    func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// Parses a file; malformed XML is a `TableError` at the parser's line and column.
    static func parse(_ url: URL) throws -> XMLElement {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TableError(file: url.path, line: 0, message: "cannot read the file")
        }
        return try parse(data, file: url.path)
    }

    /// Parses XML bytes; `file` names them in errors (a path, or a part inside a workbook).
    static func parse(_ data: Data, file: String) throws -> XMLElement {
        if let bad = invalidUTF8Line(data) {
            throw TableError(file: file, line: bad, message: "not valid UTF-8 (and no other encoding Skein reads is declared)")
        }
        if let line = emptyProcessingInstructionLine(data) {
            throw TableError(file: file, line: line, message: "malformed XML (a processing instruction <?…?> with no content)")
        }
        let parser = XMLParser(data: data)
        let builder = TreeBuilder()
        parser.delegate = builder
        parser.shouldProcessNamespaces = true
        let ok = parser.parse()
        if let problem = builder.problem {
            throw TableError(file: file, line: problem.line, column: problem.column, message: "malformed XML (\(problem.message))")
        }
        if !ok || builder.root == nil || !builder.stack.isEmpty {
            let reason = parser.parserError.map { libxml2Reason(($0 as NSError).code) } ?? "not well-formed XML"
            throw TableError(file: file, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber),
                             message: "malformed XML (\(reason))")
        }
        return builder.root!
    }

    /// Elements nested deeper than this are refused: GraphML and GEXF need a handful of levels, and
    /// a tree 100 000 deep would exhaust the stack when it is freed.
    static let maximumDepth = 256

    /// The first line that is not valid UTF-8, for files that declare no other encoding (the XML
    /// parser traps on such bytes in element names instead of reporting them).
    static func invalidUTF8Line(_ data: Data) -> Int? {
        let head = String(decoding: data.prefix(200), as: UTF8.self).lowercased()
        // Only a single-byte encoding libxml2 converts itself is read as declared; anything else
        // (a misspelt or made-up name included) must be UTF-8.
        if let range = head.range(of: "encoding=") {
            let declared = head[range.upperBound...].dropFirst().prefix { $0 != "'" && $0 != "\"" }
            if ["iso-8859-", "latin", "windows-125", "us-ascii", "ascii"].contains(where: { declared.hasPrefix($0) }) { return nil }
        }
        guard String(validating: data, as: UTF8.self) == nil else { return nil }
        var line = 1
        for chunk in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if String(validating: chunk, as: UTF8.self) == nil { return line }
            line += 1
        }
        return line
    }

    /// The line of a processing instruction with a target and no content (`<?xm?>`): libxml2
    /// reports its content as NULL, which Foundation's parser reads as a C string and crashes on,
    /// so such a file is refused before it reaches the parser (found by the graphml fuzz target).
    static func emptyProcessingInstructionLine(_ data: Data) -> Int? {
        let bytes = [UInt8](data)
        var line = 1, i = 0
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while i + 1 < bytes.count {
            if bytes[i] == 0x0A { line += 1 }
            if bytes[i] == UInt8(ascii: "<") && bytes[i + 1] == UInt8(ascii: "?") {
                var j = i + 2
                while j < bytes.count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "?") { j += 1 }
                let start = line
                while j < bytes.count, isSpace(bytes[j]) { if bytes[j] == 0x0A { line += 1 }; j += 1 }
                if j + 1 < bytes.count, bytes[j] == UInt8(ascii: "?"), bytes[j + 1] == UInt8(ascii: ">") { return start }
                i = j
                continue
            }
            i += 1
        }
        return nil
    }

    /// Plain words for libxml2's commonest error codes (corelibs Foundation passes them through).
    static func libxml2Reason(_ code: Int) -> String {
        switch code {
        case 4: return "the document is empty"
        case 5: return "extra content after the end of the document, or an element closed twice"
        case 23: return "an entity reference is not terminated with ';'"
        case 26: return "undefined entity"
        case 38, 39, 40: return "an attribute value is not quoted properly"
        case 41: return "an attribute has no value"
        case 65: return "unescaped '<' or '&' in text"
        case 73: return "'>' expected"
        case 76: return "the end tag does not match the open element"
        case 77: return "an element is not closed before the end of the file"
        default: return "libxml2 error \(code)"
        }
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: XMLElement?
        var stack: [XMLElement] = []
        /// libxml2 in recovery mode accepts mismatched end tags; they are errors here.
        var problem: (line: Int, column: Int, message: String)?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let local = name.split(separator: ":").last.map(String.init) ?? name
            guard stack.count < XMLElement.maximumDepth else {
                if problem == nil {
                    problem = (max(1, parser.lineNumber), max(1, parser.columnNumber), "elements nested deeper than \(XMLElement.maximumDepth) levels")
                }
                parser.abortParsing()
                return
            }
            let element = XMLElement(name: local, attributes: attributes, line: parser.lineNumber)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let local = name.split(separator: ":").last.map(String.init) ?? name
            guard let open = stack.popLast(), open.name == local else {
                if problem == nil {
                    let expected = stack.last.map { "</\($0.name)> for the element opened on line \($0.line)" } ?? "no end tag"
                    problem = (max(1, parser.lineNumber), max(1, parser.columnNumber), "found </\(local)>, expected \(expected)")
                }
                parser.abortParsing()
                return
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            stack.last?.text += String(decoding: block, as: UTF8.self)
        }
    }
}

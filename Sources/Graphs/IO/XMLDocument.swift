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
    func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// Parses a file; malformed XML is a `TableError` at the parser's line and column.
    static func parse(_ url: URL) throws -> XMLElement {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TableError(file: url.path, line: 0, message: "cannot read the file")
        }
        let parser = XMLParser(data: data)
        let builder = TreeBuilder()
        parser.delegate = builder
        parser.shouldProcessNamespaces = true
        if !parser.parse() || builder.root == nil {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "not well-formed XML"
            throw TableError(file: url.path, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber),
                             message: "malformed XML (\(reason))")
        }
        return builder.root!
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: XMLElement?
        var stack: [XMLElement] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let local = name.split(separator: ":").last.map(String.init) ?? name
            let element = XMLElement(name: local, attributes: attributes, line: parser.lineNumber)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            stack.last?.text += String(decoding: block, as: UTF8.self)
        }
    }
}

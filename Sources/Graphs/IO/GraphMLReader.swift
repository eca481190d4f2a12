import Foundation
import Tables

/// Reads GraphML (networkx, igraph, yEd, Gephi): node attributes from `<key for="node">`
/// declarations (string and boolean → categorical; int, long, float, double → numeric), edge
/// weights from the edge key named `weight`, relation layers from an edge key named `relation`,
/// `type` or `layer`. The graph's `edgedefault` gives the direction unless options say directed.
/// Nested graphs and hyperedges are refused with an error naming the line.
public enum GraphMLReader {
    public static func read(_ url: URL, options: EdgeListOptions = EdgeListOptions()) throws -> Graph {
        let file = url.path
        let root = try XMLElement.parse(url)
        guard root.name == "graphml" else {
            throw TableError(file: file, line: root.line, message: "expected a <graphml> root element, found <\(root.name)>")
        }
        struct Key { let name: String; let type: String; let defaultValue: String? }
        var nodeKeys: [(id: String, key: Key)] = []
        var edgeKeys: [String: Key] = [:]
        for key in root.children("key") {
            guard let id = key.attributes["id"] else { throw TableError(file: file, line: key.line, message: "<key> without an id") }
            let k = Key(name: key.attributes["attr.name"] ?? id, type: (key.attributes["attr.type"] ?? "string").lowercased(),
                        defaultValue: key.child("default")?.text)
            switch key.attributes["for"] ?? "all" {
            case "node": nodeKeys.append((id, k))
            case "edge": edgeKeys[id] = k
            case "all": nodeKeys.append((id, k)); edgeKeys[id] = k
            default: break
            }
        }
        guard let graph = root.child("graph") else { throw TableError(file: file, line: root.line, message: "no <graph> element") }
        if root.children("graph").count > 1 {
            throw TableError(file: file, line: root.children("graph")[1].line, message: "more than one <graph>; Skein reads one network per file")
        }
        let directed = options.directed || graph.attributes["edgedefault"] == "directed"
        var builder = GraphBuilder(directed: directed, duplicates: options.duplicates, selfLoops: options.selfLoops)
        var values: [String: [Int: (text: String, line: Int)]] = [:]
        for element in graph.children {
            switch element.name {
            case "node":
                guard let id = element.attributes["id"] else { throw TableError(file: file, line: element.line, message: "<node> without an id") }
                if element.child("graph") != nil {
                    throw TableError(file: file, line: element.line, message: "nested graphs are not supported")
                }
                let v = builder.addNode(id)
                for data in element.children("data") {
                    guard let key = data.attributes["key"] else { continue }
                    values[key, default: [:]][v] = (data.text.trimmingCharacters(in: .whitespacesAndNewlines), data.line)
                }
            case "hyperedge":
                throw TableError(file: file, line: element.line, message: "hyperedges are not supported")
            default: break
            }
        }
        let weightKey = options.ignoreWeights ? nil : edgeKeys.first { $0.value.name.lowercased() == "weight" }?.key
        let relationKey = edgeKeys.first { ["relation", "type", "layer"].contains($0.value.name.lowercased()) }?.key
        var weighted = false
        for element in graph.children("edge") {
            guard let s = element.attributes["source"], let t = element.attributes["target"] else {
                throw TableError(file: file, line: element.line, message: "<edge> needs source and target attributes")
            }
            if let explicit = element.attributes["directed"], (explicit == "true") != directed, !options.directed {
                throw TableError(file: file, line: element.line,
                                 message: "edge directed=\"\(explicit)\" differs from edgedefault; mixed graphs are not supported (use --directed)")
            }
            guard let u = builder.nodes.id(of: s) else { throw TableError(file: file, line: element.line, message: "edge source \"\(s)\" is not a declared node") }
            guard let v = builder.nodes.id(of: t) else { throw TableError(file: file, line: element.line, message: "edge target \"\(t)\" is not a declared node") }
            var weight = 1.0
            var mask: UInt32 = 0
            for data in element.children("data") {
                let text = data.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if data.attributes["key"] == weightKey, weightKey != nil {
                    guard let w = Double(text), w.isFinite, w >= 0 else {
                        throw TableError(file: file, line: data.line, message: "weight \"\(text)\" is not a non-negative number")
                    }
                    weight = w
                    weighted = true
                } else if data.attributes["key"] == relationKey, relationKey != nil {
                    for name in text.split(separator: ";") { mask |= try builder.relationBit(name.trimmingCharacters(in: .whitespaces)) }
                }
            }
            builder.addEdge(u, v, weight: weight, relations: mask)
        }
        for (id, key) in nodeKeys {
            let numeric = ["int", "long", "float", "double"].contains(key.type)
            try DeclaredAttribute(name: key.name, numeric: numeric, expected: key.type, defaultValue: key.defaultValue)
                .apply(values[id] ?? [:], to: &builder.nodes, file: file)
        }
        return try builder.build(weighted: weighted)
    }
}

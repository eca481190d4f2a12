import Foundation
import Tables

/// Reads GEXF (Gephi): node ids, node attributes declared in `<attributes class="node">`
/// (string, boolean and liststring → categorical; integer, long, float, double → numeric), a
/// `label` attribute when labels differ from ids, edge weights, and relation layers from an edge
/// attribute titled `relation`, `type` or `layer`. Dynamic graphs are read as their union.
public enum GEXFReader {
    public static func read(_ url: URL, options: EdgeListOptions = EdgeListOptions()) throws -> Graph {
        let file = url.path
        let root = try XMLElement.parse(url)
        guard root.name == "gexf" else {
            throw TableError(file: file, line: root.line, message: "expected a <gexf> root element, found <\(root.name)>")
        }
        guard let graph = root.child("graph") else { throw TableError(file: file, line: root.line, message: "no <graph> element") }
        let directed = options.directed || (graph.attributes["defaultedgetype"] ?? "undirected") == "directed"
        var builder = GraphBuilder(directed: directed, duplicates: options.duplicates, selfLoops: options.selfLoops)
        var nodeAttributes: [(id: String, declared: DeclaredAttribute)] = []
        var relationAttribute: String?
        for block in graph.children("attributes") {
            for a in block.children("attribute") {
                guard let id = a.attributes["id"] else { throw TableError(file: file, line: a.line, message: "<attribute> without an id") }
                let title = a.attributes["title"] ?? id
                let type = (a.attributes["type"] ?? "string").lowercased()
                if block.attributes["class"] == "edge" {
                    if ["relation", "type", "layer"].contains(title.lowercased()) { relationAttribute = id }
                } else if block.attributes["class"] == "node" {
                    nodeAttributes.append((id, DeclaredAttribute(name: title, numeric: ["integer", "long", "float", "double"].contains(type),
                                                                 expected: "number", defaultValue: a.child("default")?.text)))
                }
            }
        }
        var values: [String: [Int: (text: String, line: Int)]] = [:]
        var labels: [Int: String] = [:]
        for element in graph.child("nodes")?.children("node") ?? [] {
            guard let id = element.attributes["id"] else { throw TableError(file: file, line: element.line, message: "<node> without an id") }
            let v = builder.addNode(id)
            if let label = element.attributes["label"], label != id { labels[v] = label }
            for value in element.child("attvalues")?.children("attvalue") ?? [] {
                guard let key = value.attributes["for"] ?? value.attributes["id"] else { continue }
                values[key, default: [:]][v] = (value.attributes["value"] ?? "", value.line)
            }
        }
        var weighted = false
        for element in graph.child("edges")?.children("edge") ?? [] {
            guard let s = element.attributes["source"], let t = element.attributes["target"] else {
                throw TableError(file: file, line: element.line, message: "<edge> needs source and target attributes")
            }
            if let type = element.attributes["type"], type != "mutual", (type == "directed") != directed, !options.directed {
                throw TableError(file: file, line: element.line,
                                 message: "edge type \"\(type)\" differs from defaultedgetype; mixed graphs are not supported (use --directed)")
            }
            guard let u = builder.nodes.id(of: s) else { throw TableError(file: file, line: element.line, message: "edge source \"\(s)\" is not a declared node") }
            guard let v = builder.nodes.id(of: t) else { throw TableError(file: file, line: element.line, message: "edge target \"\(t)\" is not a declared node") }
            var weight = 1.0
            if let text = element.attributes["weight"], !options.ignoreWeights {
                guard let w = Double(text), w.isFinite, w >= 0 else {
                    throw TableError(file: file, line: element.line, message: "weight \"\(text)\" is not a non-negative number")
                }
                weight = w
                weighted = true
            }
            var mask: UInt32 = 0
            if let relationAttribute {
                for value in element.child("attvalues")?.children("attvalue") ?? [] where value.attributes["for"] == relationAttribute {
                    for name in (value.attributes["value"] ?? "").split(separator: ";") {
                        mask |= try builder.relationBit(name.trimmingCharacters(in: .whitespaces))
                    }
                }
            }
            builder.addEdge(u, v, weight: weight, relations: mask)
        }
        let n = builder.nodes.count
        if !labels.isEmpty { builder.nodes.setAttribute("label", .categorical((0..<n).map { labels[$0] ?? builder.nodes.label($0) })) }
        for (id, declared) in nodeAttributes {
            try declared.apply(values[id] ?? [:], to: &builder.nodes, file: file)
        }
        return try builder.build(weighted: weighted)
    }
}

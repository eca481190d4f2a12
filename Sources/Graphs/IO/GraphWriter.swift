import Foundation
import Tables

/// Writes graphs as GraphML, GEXF, Pajek or edge lists with every node attribute (including
/// simulation results added to `graph.nodes` as columns), edge weights and relation layers. Files
/// are written through `NetworkFormatCatalog`, atomically.
public enum GraphWriter {
    /// Writes `graph` in the format its extension names (`format`: a catalog name instead).
    public static func write(_ graph: Graph, to url: URL, format: String? = nil) throws {
        try NetworkFormatCatalog.write(graph, to: url, format: format)
    }

    /// Each stored edge once: arcs of a directed graph, {u, v} with u ≤ v otherwise.
    static func forEachEdge(_ graph: Graph, _ body: (Int, Int, Int) -> Void) {
        let offsets = graph.csrOffsets, targets = graph.csrTargets
        for u in 0..<graph.nodeCount {
            for p in offsets[u]..<offsets[u + 1] where graph.isDirected || Int(targets[p]) >= u {
                body(u, Int(targets[p]), p)
            }
        }
    }

    /// Node v's value in an attribute column as escaped XML text; nil when missing.
    static func attributeText(_ column: NodeAttribute, _ v: Int) -> String? {
        switch column {
        case let .categorical(codes, levels): return codes[v] >= 0 ? XMLText.escape(levels[Int(codes[v])]) : nil
        case let .numeric(values): return values[v].isNaN ? nil : XMLText.number(values[v])
        }
    }

    /// The relations of an arc, `;`-separated (readers split on `;`).
    static func relationText(_ graph: Graph, arc p: Int) -> String {
        let mask = graph.relationMask(arc: p)
        return graph.relationNames.indices.filter { mask & (1 << UInt32($0)) != 0 }.map { graph.relationNames[$0] }.joined(separator: ";")
    }

    public static func graphML(_ graph: Graph) -> String {
        let nodes = graph.nodes
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        for (i, name) in nodes.attributeNames.enumerated() {
            let type = nodes[attribute: name]!.isCategorical ? "string" : "double"
            out += "  <key id=\"d\(i)\" for=\"node\" attr.name=\"\(XMLText.escape(name))\" attr.type=\"\(type)\"/>\n"
        }
        let hasRelations = !graph.relationNames.isEmpty
        if graph.isWeighted { out += "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n" }
        if hasRelations { out += "  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n" }
        out += "  <graph id=\"G\" edgedefault=\"\(graph.isDirected ? "directed" : "undirected")\">\n"
        for v in 0..<graph.nodeCount {
            out += "    <node id=\"\(XMLText.escape(nodes.label(v)))\""
            var data = ""
            for (i, name) in nodes.attributeNames.enumerated() {
                if let value = attributeText(nodes[attribute: name]!, v) { data += "<data key=\"d\(i)\">\(value)</data>" }
            }
            out += data.isEmpty ? "/>\n" : ">\(data)</node>\n"
        }
        let weights = graph.csrWeights
        forEachEdge(graph) { u, v, p in
            out += "    <edge source=\"\(XMLText.escape(nodes.label(u)))\" target=\"\(XMLText.escape(nodes.label(v)))\""
            var data = ""
            if let weights { data += "<data key=\"weight\">\(XMLText.number(weights[p]))</data>" }
            if hasRelations { data += "<data key=\"relation\">\(XMLText.escape(relationText(graph, arc: p)))</data>" }
            out += data.isEmpty ? "/>\n" : ">\(data)</edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    /// A dynamic GEXF attribute: a 0/1 value that turns 1 at each node's time (nil: never), for
    /// Gephi's timeline over [0, horizon].
    public struct Timeline {
        public var attribute: String
        public var horizon: Double
        public var time: (Int) -> Double?
        public init(attribute: String, horizon: Double, time: @escaping (Int) -> Double?) {
            self.attribute = attribute
            self.horizon = horizon
            self.time = time
        }
    }

    public static func gexf(_ graph: Graph, timeline: Timeline? = nil) -> String {
        let nodes = graph.nodes
        let mode = timeline == nil ? "static" : "dynamic\" timeformat=\"double"
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" version="1.3">
              <meta><creator>skein</creator></meta>
              <graph mode="\(mode)" defaultedgetype="\(graph.isDirected ? "directed" : "undirected")">

            """
        if !nodes.attributeNames.isEmpty {
            out += "    <attributes class=\"node\" mode=\"static\">\n"
            for (i, name) in nodes.attributeNames.enumerated() {
                let type = nodes[attribute: name]!.isCategorical ? "string" : "double"
                out += "      <attribute id=\"\(i)\" title=\"\(XMLText.escape(name))\" type=\"\(type)\"/>\n"
            }
            out += "    </attributes>\n"
        }
        if let timeline {
            out += "    <attributes class=\"node\" mode=\"dynamic\">\n"
            out += "      <attribute id=\"timeline\" title=\"\(XMLText.escape(timeline.attribute))\" type=\"integer\"/>\n"
            out += "    </attributes>\n"
        }
        let hasRelations = !graph.relationNames.isEmpty
        if hasRelations {
            out += "    <attributes class=\"edge\">\n      <attribute id=\"relation\" title=\"relation\" type=\"string\"/>\n    </attributes>\n"
        }
        let end = timeline.map { XMLText.number($0.horizon) } ?? ""
        out += "    <nodes>\n"
        for v in 0..<graph.nodeCount {
            let label = XMLText.escape(nodes.label(v))
            out += "      <node id=\"\(label)\" label=\"\(label)\""
            var values = ""
            for (i, name) in nodes.attributeNames.enumerated() {
                if let value = attributeText(nodes[attribute: name]!, v) { values += "<attvalue for=\"\(i)\" value=\"\(value)\"/>" }
            }
            if let timeline {
                if let t = timeline.time(v) {
                    let at = XMLText.number(t)
                    values += "<attvalue for=\"timeline\" value=\"0\" start=\"0.0\" end=\"\(at)\"/>"
                    values += "<attvalue for=\"timeline\" value=\"1\" start=\"\(at)\" end=\"\(end)\"/>"
                } else {
                    values += "<attvalue for=\"timeline\" value=\"0\" start=\"0.0\" end=\"\(end)\"/>"
                }
                // Everyone is present over the whole run; only the attribute changes.
                out += "><attvalues>\(values)</attvalues><spells><spell start=\"0.0\" end=\"\(end)\"/></spells></node>\n"
                continue
            }
            out += values.isEmpty ? "/>\n" : "><attvalues>\(values)</attvalues></node>\n"
        }
        out += "    </nodes>\n    <edges>\n"
        let weights = graph.csrWeights
        var id = 0
        forEachEdge(graph) { u, v, p in
            out += "      <edge id=\"\(id)\" source=\"\(XMLText.escape(nodes.label(u)))\" target=\"\(XMLText.escape(nodes.label(v)))\""
            if let weights { out += " weight=\"\(XMLText.number(weights[p]))\"" }
            if hasRelations {
                out += "><attvalues><attvalue for=\"relation\" value=\"\(XMLText.escape(relationText(graph, arc: p)))\"/></attvalues></edge>\n"
            } else {
                out += "/>\n"
            }
            id += 1
        }
        out += "    </edges>\n  </graph>\n</gexf>\n"
        return out
    }

    /// Pajek `.net`: vertices numbered from 1 with quoted labels, then `*Edges` or `*Arcs`.
    public static func pajek(_ graph: Graph) -> String {
        var out = "*Vertices \(graph.nodeCount)\n"
        for v in 0..<graph.nodeCount {
            let label = graph.nodes.label(v).replacingOccurrences(of: "\"", with: "'")
            out += "\(v + 1) \"\(label)\"\n"
        }
        out += graph.isDirected ? "*Arcs\n" : "*Edges\n"
        let weights = graph.csrWeights
        forEachEdge(graph) { u, v, p in
            out += "\(u + 1) \(v + 1)" + (weights.map { " \(XMLText.number($0[p]))" } ?? "") + "\n"
        }
        return out
    }

    /// An edge list, `source,target[,weight][,relation]`, with that header unless `header` is false.
    public static func edgeList(_ graph: Graph, separator: String = ",", header: Bool = true) -> String {
        func field(_ s: String) -> String {
            s.contains(separator) || s.contains("\"") || s.contains("\n") ? "\"\(s.replacingOccurrences(of: "\"", with: "\"\""))\"" : s
        }
        let hasRelations = !graph.relationNames.isEmpty
        var out = ["source", "target"] + (graph.isWeighted ? ["weight"] : []) + (hasRelations ? ["relation"] : [])
        var text = header ? out.joined(separator: separator) + "\n" : ""
        out.removeAll()
        let weights = graph.csrWeights
        forEachEdge(graph) { u, v, p in
            var row = [field(graph.nodes.label(u)), field(graph.nodes.label(v))]
            if let weights { row.append("\(weights[p])") }
            if hasRelations { row.append(field(relationText(graph, arc: p))) }
            text += row.joined(separator: separator) + "\n"
        }
        return text
    }
}

import Tables

/// A node attribute declared in a GraphML `<key>` or a GEXF `<attribute>`, with the values the
/// file gave for it: numeric types become numeric columns, the rest categorical; a declared
/// default fills nodes without a value.
struct DeclaredAttribute {
    let name: String
    let numeric: Bool
    /// What a numeric value must be, for the error message ("double", "number").
    let expected: String
    let defaultValue: String?

    /// Sets the column on `nodes` from per-node text (with the line it came from).
    func apply(_ column: [Int: (text: String, line: Int)], to nodes: inout NodeTable, file: String) throws {
        guard !column.isEmpty || defaultValue != nil else { return }
        let n = nodes.count
        if numeric {
            var x = [Double](repeating: defaultValue.flatMap(Double.init) ?? .nan, count: n)
            for (v, entry) in column {
                guard let value = Double(entry.text) else {
                    throw TableError(file: file, line: entry.line, message: "node \"\(nodes.label(v))\": \(name) = \"\(entry.text)\" is not a \(expected)")
                }
                x[v] = value
            }
            nodes.setAttribute(name, .numeric(x))
        } else {
            nodes.setAttribute(name, .categorical((0..<n).map { column[$0]?.text ?? defaultValue }))
        }
    }
}

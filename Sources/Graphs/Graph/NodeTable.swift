/// The nodes of a graph: external labels (as they appear in the input), the map back to internal
/// ids 0..<n, and named attribute columns.
public struct NodeTable: Sendable, Equatable {
    public private(set) var labels: [String]
    private var index: [String: Int]
    public private(set) var attributes: [String: NodeAttribute]
    /// Attribute names in the order they were added (the input's column order).
    public private(set) var attributeNames: [String]

    public init(labels: [String] = []) {
        self.labels = labels
        index = Dictionary(labels.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        attributes = [:]
        attributeNames = []
    }

    public var count: Int { labels.count }

    /// The internal id of an external label.
    public func id(of label: String) -> Int? { index[label] }

    /// Adds a label if new; returns its id either way.
    @discardableResult
    public mutating func intern(_ label: String) -> Int {
        if let id = index[label] { return id }
        let id = labels.count
        labels.append(label)
        index[label] = id
        return id
    }

    /// Sets (or replaces) an attribute column, which must have one value per node.
    public mutating func setAttribute(_ name: String, _ column: NodeAttribute) {
        switch column {
        case let .categorical(codes, _): precondition(codes.count == count, "attribute \(name) needs \(count) values")
        case let .numeric(values): precondition(values.count == count, "attribute \(name) needs \(count) values")
        }
        if attributes[name] == nil { attributeNames.append(name) }
        attributes[name] = column
    }

    public subscript(attribute name: String) -> NodeAttribute? { attributes[name] }

    /// Names of the categorical attributes, in input order.
    public var categoricalAttributeNames: [String] { attributeNames.filter { attributes[$0]?.isCategorical == true } }
}

/// The nodes of a graph: external labels (as they appear in the input), the map back to internal
/// ids 0..<n, and named attribute columns.
///
/// Generated graphs are labelled "0"…"n−1" implicitly, with no strings or hash table stored: a
/// 10-million-node network would otherwise spend more memory on its labels than on its edges.
/// The table turns explicit the first time a label outside that pattern is added.
public struct NodeTable: Sendable, Equatable {
    /// Explicit labels; empty while the labels are implicit.
    private var explicitLabels: [String]
    private var index: [String: Int]
    /// Node count while labels are implicit ("0"…"n−1").
    private var implicitCount: Int?
    public private(set) var attributes: [String: NodeAttribute]
    /// Attribute names in the order they were added (the input's column order).
    public private(set) var attributeNames: [String]

    public init(labels: [String] = []) {
        explicitLabels = labels
        index = Dictionary(labels.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        implicitCount = nil
        attributes = [:]
        attributeNames = []
    }

    /// n nodes labelled "0"…"n−1", stored without strings.
    public init(count: Int) {
        explicitLabels = []
        index = [:]
        implicitCount = count
        attributes = [:]
        attributeNames = []
    }

    public var count: Int { implicitCount ?? explicitLabels.count }

    /// The external label of node v.
    public func label(_ v: Int) -> String { implicitCount != nil ? String(v) : explicitLabels[v] }

    /// All labels in id order (materialised; prefer `label(_:)` on big graphs).
    public var labels: [String] { implicitCount.map { (0..<$0).map(String.init) } ?? explicitLabels }

    /// The internal id of an external label.
    public func id(of label: String) -> Int? {
        if let n = implicitCount {
            guard let v = Int(label), v >= 0, v < n, String(v) == label else { return nil }
            return v
        }
        return index[label]
    }

    /// Adds a label if new; returns its id either way.
    @discardableResult
    public mutating func intern(_ label: String) -> Int {
        if let id = id(of: label) { return id }
        if let n = implicitCount {
            if label == String(n) {
                implicitCount = n + 1
                return n
            }
            materialise()
        }
        let id = explicitLabels.count
        explicitLabels.append(label)
        index[label] = id
        return id
    }

    /// Appends `n` nodes labelled by their ids when the table is implicit (or empty).
    public mutating func appendIndexed(_ n: Int) {
        if implicitCount == nil && explicitLabels.isEmpty { implicitCount = 0 }
        if let c = implicitCount {
            implicitCount = c + n
        } else {
            for _ in 0..<n { intern(String(explicitLabels.count)) }
        }
    }

    private mutating func materialise() {
        guard let n = implicitCount else { return }
        explicitLabels = (0..<n).map(String.init)
        index = Dictionary(uniqueKeysWithValues: explicitLabels.enumerated().map { ($1, $0) })
        implicitCount = nil
    }

    public static func == (a: NodeTable, b: NodeTable) -> Bool {
        a.count == b.count && a.attributes == b.attributes && a.attributeNames == b.attributeNames
            && (0..<a.count).allSatisfy { a.label($0) == b.label($0) }
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

/// The nodes of a graph: external labels (as they appear in the input), the map back to internal
/// ids 0..<n, and named attribute columns.
///
/// Labels are stored in the leanest form that keeps them exact: implicit ("0"…"n−1", nothing
/// stored; generated graphs), integers (numeric ids such as SNAP's, 8 bytes each with a dense
/// index instead of a string hash table), or strings. A table moves to a more general form the
/// first time a label needs it. A 10-million-node network would otherwise spend more memory on its
/// labels than on its edges, and hashing strings would dominate loading an edge list.
public struct NodeTable: Sendable {
    private enum Storage: Sendable {
        case implicit(count: Int)
        case integers(IntegerLabels)
        case strings(labels: [String], index: [String: Int])
    }

    /// Non-negative integer labels with a dense index (−1 = absent) while values stay small
    /// against the node count, a dictionary beyond.
    private struct IntegerLabels: Sendable {
        var values: [Int] = []
        var dense: [Int32] = []
        var sparse: [Int: Int] = [:]

        func id(of value: Int) -> Int? {
            if value < dense.count {
                let id = dense[value]
                return id >= 0 ? Int(id) : nil
            }
            return sparse[value]
        }

        mutating func add(_ value: Int) -> Int {
            let id = values.count
            values.append(value)
            if value < dense.count {
                dense[value] = Int32(id)
            } else if value < max(1 << 22, 8 * values.count) && sparse.isEmpty {
                let size = max(value + 1, dense.count + dense.count / 2, 1024)
                dense.append(contentsOf: repeatElement(-1, count: size - dense.count))
                dense[value] = Int32(id)
            } else {
                sparse[value] = id
            }
            return id
        }
    }

    private var storage: Storage
    public private(set) var attributes: [String: NodeAttribute]
    /// Attribute names in the order they were added (the input's column order).
    public private(set) var attributeNames: [String]

    public init(labels: [String] = []) {
        storage = labels.isEmpty ? .implicit(count: 0) : .strings(labels: labels, index: Dictionary(labels.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }))
        attributes = [:]
        attributeNames = []
    }

    /// n nodes labelled "0"…"n−1", stored without strings.
    public init(count: Int) {
        storage = .implicit(count: count)
        attributes = [:]
        attributeNames = []
    }

    public var count: Int {
        switch storage {
        case let .implicit(n): return n
        case let .integers(labels): return labels.values.count
        case let .strings(labels, _): return labels.count
        }
    }

    /// The external label of node v.
    public func label(_ v: Int) -> String {
        switch storage {
        case .implicit: return String(v)
        case let .integers(labels): return String(labels.values[v])
        case let .strings(labels, _): return labels[v]
        }
    }

    /// All labels in id order (materialised; prefer `label(_:)` on big graphs).
    public var labels: [String] { (0..<count).map(label) }

    /// The internal id of an external label.
    public func id(of label: String) -> Int? {
        switch storage {
        case .implicit, .integers:
            guard let value = Self.canonicalInteger(label) else { return nil }
            return id(ofInteger: value)
        case let .strings(_, index):
            return index[label]
        }
    }

    /// The id of a node whose label is the canonical text of a non-negative integer.
    public func id(ofInteger value: Int) -> Int? {
        switch storage {
        case let .implicit(n): return value >= 0 && value < n ? value : nil
        case let .integers(labels): return labels.id(of: value)
        case let .strings(_, index): return index[String(value)]
        }
    }

    /// Adds a label if new; returns its id either way.
    @discardableResult
    public mutating func intern(_ label: String) -> Int {
        if let id = id(of: label) { return id }
        if case .strings = storage {} else {
            if let value = Self.canonicalInteger(label) { return intern(integer: value) }
            materialiseStrings()
        }
        guard case .strings(var labels, var index) = storage else { fatalError("unreachable") }
        storage = .implicit(count: 0)  // release the arrays so the appends below do not copy
        let id = labels.count
        labels.append(label)
        index[label] = id
        storage = .strings(labels: labels, index: index)
        return id
    }

    /// Adds a node labelled by a non-negative integer if new (no string is made); returns its id.
    @discardableResult
    public mutating func intern(integer value: Int) -> Int {
        precondition(value >= 0, "integer labels are non-negative")
        if let id = id(ofInteger: value) { return id }
        switch storage {
        case let .implicit(n):
            if value == n {
                storage = .implicit(count: n + 1)
                return n
            }
            var labels = IntegerLabels()
            for v in 0..<n { _ = labels.add(v) }
            let id = labels.add(value)
            storage = .integers(labels)
            return id
        case var .integers(labels):
            storage = .implicit(count: 0)
            let id = labels.add(value)
            storage = .integers(labels)
            return id
        case .strings:
            return intern(String(value))
        }
    }

    /// Appends `n` nodes labelled by their ids when the table is implicit (or empty).
    public mutating func appendIndexed(_ n: Int) {
        let start = count
        if start == 0 { storage = .implicit(count: 0) }
        for v in start..<(start + n) { intern(integer: v) }
    }

    private mutating func materialiseStrings() {
        let all = labels
        storage = .strings(labels: all, index: Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, $0) }))
    }

    /// The value of a label that is a non-negative integer written canonically, else nil.
    static func canonicalInteger(_ label: String) -> Int? {
        guard let value = Int(label), value >= 0, String(value) == label else { return nil }
        return value
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

extension NodeTable: Equatable {
    public static func == (a: NodeTable, b: NodeTable) -> Bool {
        a.count == b.count && a.attributes == b.attributes && a.attributeNames == b.attributeNames
            && (0..<a.count).allSatisfy { a.label($0) == b.label($0) }
    }
}

import Tables

/// How to read an edge list.
public struct EdgeListOptions: Sendable {
    /// nil: sniffed from the first line (tab → TSV, comma → CSV, else whitespace).
    public var format: DelimitedFormat?
    /// nil: detected (a first row naming columns such as source/target/from/to/weight is a header).
    public var hasHeader: Bool?
    public var directed = false
    public var duplicates: DuplicateEdgePolicy = .sumWeights
    public var selfLoops: SelfLoopPolicy = .drop
    /// 0-based column holding weights; nil: the header's "weight" column if any, else unweighted.
    public var weightColumn: Int?
    /// Ignore any weight column.
    public var ignoreWeights = false

    public init(format: DelimitedFormat? = nil, hasHeader: Bool? = nil, directed: Bool = false,
                duplicates: DuplicateEdgePolicy = .sumWeights, selfLoops: SelfLoopPolicy = .drop,
                weightColumn: Int? = nil, ignoreWeights: Bool = false) {
        self.format = format
        self.hasHeader = hasHeader
        self.directed = directed
        self.duplicates = duplicates
        self.selfLoops = selfLoops
        self.weightColumn = weightColumn
        self.ignoreWeights = ignoreWeights
    }
}


import Foundation

/// `summary.json` of a votes folder (`skein analyse-votes`): who was placed, the groups, the
/// statements that set each group apart and those every group agrees on.
public struct VotesSummary: Codable, Sendable, Equatable {
    public struct Representative: Codable, Sendable, Equatable {
        public var comment: String
        public var direction: String
        public var probability: Double
        public var representativeness: Double
        public var text: String
        public init(comment: String, direction: String, probability: Double, representativeness: Double, text: String) {
            self.comment = comment
            self.direction = direction
            self.probability = probability
            self.representativeness = representativeness
            self.text = text
        }
    }

    public struct Consensus: Codable, Sendable, Equatable {
        public var comment: String
        public var probability: Double
        public var text: String
        public init(comment: String, probability: Double, text: String) {
            self.comment = comment
            self.probability = probability
            self.text = text
        }
    }

    public var participants: Int
    /// The `skein` arguments that reproduce the analysis.
    public var command: [String]
    /// Participants placed in a group (enough votes).
    public var clustered: Int
    public var statementsUsed: Int
    public var groups: Int
    public var groupSizes: [Int]
    public var minimumGroupSize: Int
    /// Silhouette of each number of groups tried (nil where undefined).
    public var silhouette: [String: Double?]
    public var explainedVariance: [Double]
    /// Agreement with the groups pol.is exported; nil when the export has none.
    public var adjustedRandIndexVsPolis: Double?
    /// Per group, its representative statements.
    public var representative: [[Representative]]
    public var consensus: [Consensus]

    public init(participants: Int, command: [String], clustered: Int, statementsUsed: Int, groups: Int, groupSizes: [Int],
                minimumGroupSize: Int, silhouette: [String: Double?], explainedVariance: [Double], adjustedRandIndexVsPolis: Double?,
                representative: [[Representative]], consensus: [Consensus]) {
        self.participants = participants
        self.command = command
        self.clustered = clustered
        self.statementsUsed = statementsUsed
        self.groups = groups
        self.groupSizes = groupSizes
        self.minimumGroupSize = minimumGroupSize
        self.silhouette = silhouette
        self.explainedVariance = explainedVariance
        self.adjustedRandIndexVsPolis = adjustedRandIndexVsPolis
        self.representative = representative
        self.consensus = consensus
    }

    enum CodingKeys: String, CodingKey {
        case participants, command, clustered, groups, silhouette, representative, consensus
        case statementsUsed = "statements_used", groupSizes = "group_sizes", minimumGroupSize = "minimum_group_size"
        case explainedVariance = "explained_variance", adjustedRandIndexVsPolis = "adjusted_rand_index_vs_polis"
    }

    /// The agreement with pol.is is written as null when there is none (not left out).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(participants, forKey: .participants)
        try c.encode(command, forKey: .command)
        try c.encode(clustered, forKey: .clustered)
        try c.encode(statementsUsed, forKey: .statementsUsed)
        try c.encode(groups, forKey: .groups)
        try c.encode(groupSizes, forKey: .groupSizes)
        try c.encode(minimumGroupSize, forKey: .minimumGroupSize)
        try c.encode(silhouette, forKey: .silhouette)
        try c.encode(explainedVariance, forKey: .explainedVariance)
        try c.encode(adjustedRandIndexVsPolis, forKey: .adjustedRandIndexVsPolis)
        try c.encode(representative, forKey: .representative)
        try c.encode(consensus, forKey: .consensus)
    }
}

import Analysis
import Foundation

/// `skein analyse-votes` on a pol.is-style votes file: reading the matrix is the input; the PCA,
/// clustering and statement selection are timed.
public struct VotesWorkload: Workload {
    public var file: String
    public var seed: UInt64

    public init(file: String, seed: UInt64 = 0) {
        self.file = file
        self.seed = seed
    }

    public var unit: String { "votes" }

    public func prepare() throws -> VoteMatrix { try VoteMatrix.read(file) }

    public func execute(_ matrix: VoteMatrix) throws -> OpinionGroups.Result { try OpinionGroups(seed: seed).analyse(matrix) }

    public func outcome(_ result: OpinionGroups.Result, input matrix: VoteMatrix) throws -> WorkloadOutcome {
        var c = Checksum()
        c.add(result.group)
        c.add(quantised: result.x)
        c.add(quantised: result.y)
        for statements in result.representative { for s in statements { c.add(s.comment); c.add(s.direction) } }
        let votes = (0..<matrix.participants.count).reduce(0) { $0 + matrix.voteCount($1) }
        return WorkloadOutcome(checksum: c.hex(), work: Double(votes),
                               figures: ["groups": Double(result.groupSizes.count), "participants": Double(result.participants.count)])
    }
}

import Analysis
import Foundation
import NumericCore
import Tables
import Testing
import TestSupport

/// Opinion groups from votes: planted groups recovered, representative and consensus statements
/// in the right direction, the real pol.is exports grouped as pol.is grouped them, clear errors.
@Suite("Opinion groups from votes")
struct OpinionGroupsTests {
    /// Two camps of 40 and 30 who disagree on statements 0–9 and all agree with statement 10;
    /// each vote missing with probability 0.2 and flipped with probability 0.05.
    static func planted(seed: UInt64 = 3) -> (VoteMatrix, [Int]) {
        var rng = Xoshiro256PlusPlus(seed: seed)
        let people = 70, statements = 11
        var votes = Matrix<Double>(rows: people, columns: statements, repeating: .nan)
        var truth: [Int] = []
        for i in 0..<people {
            let camp = i < 40 ? 0 : 1
            truth.append(camp)
            for j in 0..<statements where rng.nextUnitDouble() > 0.2 || j == 10 {
                var v: Double = j == 10 ? 1 : (camp == 0 ? 1 : -1)
                if j < 10 && rng.nextUnitDouble() < 0.05 { v = -v }
                votes[i, j] = v
            }
        }
        var m = VoteMatrix(participants: (0..<people).map { "p\($0)" }, comments: (0..<statements).map(String.init), votes: votes)
        m.text = Dictionary(uniqueKeysWithValues: (0..<statements).map { (String($0), $0 == 10 ? "Everyone agrees" : "Statement \($0)") })
        return (m, truth)
    }

    @Test func plantedCampsAreRecoveredWithTheirStatements() throws {
        let (m, truth) = Self.planted()
        var method = OpinionGroups(seed: 1)
        method.minimumGroupSize = 10
        method.minimumVotes = 3
        let r = try method.analyse(m)
        #expect(r.groupSizes == [40, 30])
        #expect(AdjustedRandIndex.score(r.group, truth) == 1)
        // Camp 0 (the larger, group 0) agrees with statements 0–9; camp 1 disagrees.
        #expect(!r.representative[0].isEmpty && r.representative[0].allSatisfy { $0.direction == "agree" && Int($0.comment)! < 10 })
        #expect(!r.representative[1].isEmpty && r.representative[1].allSatisfy { $0.direction == "disagree" && Int($0.comment)! < 10 })
        #expect(r.consensus.first?.comment == "10" && r.consensus.first?.text == "Everyone agrees")
        // Deterministic, and the same on two threads.
        let again = try Compute.withThreads(2) { try method.analyse(m) }
        #expect(again.group == r.group && again.x == r.x)
    }

    @Test func tooFewVotesLeaveParticipantsUngroupedAndSplintersAreRefused() throws {
        var (m, _) = Self.planted()
        for j in 0..<m.comments.count where j != 0 { m.votes[0, j] = .nan }
        var method = OpinionGroups(seed: 1)
        method.minimumGroupSize = 45  // no two-way split can have 45 on each side of 70
        let r = try method.analyse(m)
        #expect(r.group[0] == -1)
        #expect(r.groupSizes.count == 1)
    }

    @Test func readsLongAndWideFilesAndNamesBadLines() throws {
        let dir = Fixtures.temporaryDirectory.appendingPathComponent("skein-votes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = dir.appendingPathComponent("votes.csv")
        try "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,7,1\n2,x,1,7,-1\n3,x,0,7,-1\n1,x,0,8,0\n".write(to: long, atomically: true, encoding: .utf8)
        let m = try VoteMatrix.read(long.path)
        #expect(m.participants == ["7", "8"] && m.comments == ["0", "1"])
        #expect(m.votes[0, 0] == -1 && m.votes[0, 1] == -1 && m.votes[1, 0] == 0 && m.votes[1, 1].isNaN)  // the later vote wins
        let wide = dir.appendingPathComponent("matrix.csv")
        try "participant,a,b\nx,1,\ny,-1,0\n".write(to: wide, atomically: true, encoding: .utf8)
        let w = try VoteMatrix.read(wide.path)
        #expect(w.comments == ["a", "b"] && w.votes[0, 1].isNaN && w.votes[1, 0] == -1)
        try "participant,a,b\nx,1,yes\n".write(to: wide, atomically: true, encoding: .utf8)
        #expect {
            _ = try VoteMatrix.read(wide.path)
        } throws: { error in
            (error as? TableError).map { $0.line == 2 && $0.column == 3 && $0.message.contains("-1, 0, 1") } == true
        }
        try "a,b\n1,2\n".write(to: long, atomically: true, encoding: .utf8)
        #expect(throws: TableError.self) { try VoteMatrix.read(dir.path) }
    }

    /// The real pol.is exports in ../shared: our groups against the ones pol.is exported.
    @Test(arguments: ["scoop-hivemind.biodiversity", "american-assembly.bowling-green"])
    func polisExportsAreGroupedAsPolisGroupedThem(_ conversation: String) throws {
        guard let shared = Fixtures.sharedData else {
            print("skipped: ../shared/data is absent (pol.is exports for \(conversation))")
            return
        }
        let folder = shared.appendingPathComponent("polis/\(conversation)")
        guard FileManager.default.fileExists(atPath: folder.path) else {
            print("skipped: \(folder.path) is absent")
            return
        }
        let m = try VoteMatrix.read(folder.path)
        #expect(!m.referenceGroups.isEmpty && !m.text.isEmpty && !m.moderatedOut.isEmpty)
        let r = try OpinionGroups().analyse(m)
        // Counted over every participant pol.is grouped: one Skein leaves unplaced counts as a
        // group of its own (a disagreement), not as absent.
        var ours: [Int] = [], theirs: [Int] = []
        for (i, id) in r.participants.enumerated() {
            if let g = m.referenceGroups[id] { ours.append(r.group[i]); theirs.append(g) }
        }
        #expect(theirs.count == m.referenceGroups.count)
        let ari = AdjustedRandIndex.score(ours, theirs)
        // Issue #26 asks 0.75 on both (measured at seed 0: biodiversity 0.778, bowling-green 0.821;
        // over the participants placed, seeds 0–7 gave 0.77–0.92 and 0.77–0.82).
        let floor = 0.75
        #expect(ari >= floor, "\(conversation): ARI \(ari) against pol.is's own groups over all \(theirs.count) it grouped")
        let unplaced = ours.filter { $0 < 0 }.count
        #expect(Double(unplaced) <= 0.01 * Double(theirs.count), "\(unplaced) of pol.is's grouped participants left unplaced")
        print("\(conversation): ARI \(ari) over the \(theirs.count) participants pol.is grouped, \(unplaced) unplaced")
        #expect(r.groupSizes.count == Set(m.referenceGroups.values).count)
        #expect(r.representative.allSatisfy { !$0.isEmpty })
    }
}

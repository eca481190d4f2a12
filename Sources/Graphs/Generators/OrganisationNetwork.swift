import NumericCore
import Tables

/// A health-and-care system: organisations (trusts, practices, local networks) made of teams,
/// staff of several professions, and tie densities that fall from team to organisation to the
/// whole system, with an optional leadership layer (e.g. a lead nurse, doctor and manager per
/// organisation, tied to each other across organisations, as in a national clinical network).
///
/// Ties within a team, within an organisation across teams, and across organisations are drawn
/// independently with their own probabilities (geometric skipping: O(n + m)); ties outside the
/// team between staff of the same profession are `profession_affinity` times likelier, because
/// nurses talk to nurses. Every node gets `organisation`, `team`, `profession` and `role`
/// attributes; every tie is in one of the relation layers `team`, `organisation`, `across` or
/// `leadership`.
public struct OrganisationNetwork: NetworkGenerator {
    public var expectedSize: (nodes: Double, edges: Double) {
        let n = Double(organisationNames.count) * Double(teams) * Double(teamSize), perOrganisation = Double(teams) * Double(teamSize)
        let degree = pTeam * Double(teamSize - 1) + pOrganisation * (perOrganisation - Double(teamSize)) + pAcross * (n - perOrganisation)
        return (n, n * max(0, degree) / 2)
    }

    public static let model = "organisation"
    public static let summary = "Organisations × teams × professions with team/organisation/system tie densities and an optional leadership layer."
    public static let parameters = [
        GeneratorParameter("organisations", default: "4", "number of organisations (or give organisation_names)"),
        GeneratorParameter("organisation_names", "comma-separated organisation names"),
        GeneratorParameter("teams", default: "6", "teams per organisation"),
        GeneratorParameter("team_size", default: "10", "staff per team"),
        GeneratorParameter("professions", default: "nurse:0.45,doctor:0.2,allied health professional:0.2,manager:0.15",
                           "professions with their shares, name:share,…"),
        GeneratorParameter("p_team", default: "0.5", "tie probability between members of one team"),
        GeneratorParameter("p_organisation", default: "0.02", "tie probability between teams of one organisation"),
        GeneratorParameter("p_across", default: "0.001", "tie probability between organisations"),
        GeneratorParameter("profession_affinity", default: "2", "multiplier on ties outside the team between staff of one profession"),
        GeneratorParameter("leaders", default: "", "leader roles per organisation by profession, e.g. nurse,doctor,manager (empty: none)"),
        GeneratorParameter("p_leaders", default: "0.3", "tie probability between leaders of different organisations"),
        GeneratorParameter("p_leader_local", default: "0.3", "tie probability between a leader and each member of their organisation"),
    ]
    public static let relations = ["team", "organisation", "across", "leadership"]

    public var organisationNames: [String]
    public var teams: Int
    public var teamSize: Int
    public var professions: [(name: String, share: Double)]
    public var pTeam: Double
    public var pOrganisation: Double
    public var pAcross: Double
    public var professionAffinity: Double
    public var leaders: [String]
    public var pLeaders: Double
    public var pLeaderLocal: Double

    public init(organisations: Int = 4, teams: Int = 6, teamSize: Int = 10,
                professions: [(name: String, share: Double)] = [("nurse", 0.45), ("doctor", 0.2), ("allied health professional", 0.2), ("manager", 0.15)],
                pTeam: Double = 0.5, pOrganisation: Double = 0.02, pAcross: Double = 0.001, professionAffinity: Double = 2,
                leaders: [String] = [], pLeaders: Double = 0.3, pLeaderLocal: Double = 0.3) {
        organisationNames = (1...max(1, organisations)).map { "Organisation \($0)" }
        self.teams = teams
        self.teamSize = teamSize
        self.professions = professions
        self.pTeam = pTeam
        self.pOrganisation = pOrganisation
        self.pAcross = pAcross
        self.professionAffinity = professionAffinity
        self.leaders = leaders
        self.pLeaders = pLeaders
        self.pLeaderLocal = pLeaderLocal
    }

    public init(parameters: GeneratorParameters) throws {
        var q = parameters
        let model = Self.model
        if let names = q.optionalString("organisation_names") {
            organisationNames = names.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !organisationNames.isEmpty, Set(organisationNames).count == organisationNames.count else {
                throw GeneratorError.invalidValue(model: model, name: "organisation_names", value: names, expected: "distinct, non-empty names")
            }
            _ = q.optionalString("organisations")
        } else {
            organisationNames = (1...(try q.int("organisations", default: 4, min: 1))).map { "Organisation \($0)" }
        }
        teams = try q.int("teams", default: 6, min: 1)
        teamSize = try q.int("team_size", default: 10, min: 1)
        professions = []
        for item in try q.list("professions", default: "nurse:0.45,doctor:0.2,allied health professional:0.2,manager:0.15") {
            let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let share = parts.count == 2 ? Double(parts[1]) : 1
            guard let share, share > 0, !parts[0].isEmpty else {
                throw GeneratorError.invalidValue(model: model, name: "professions", value: item, expected: "name:share with a positive share")
            }
            professions.append((parts[0], share))
        }
        guard !professions.isEmpty else { throw GeneratorError.invalidValue(model: model, name: "professions", value: "", expected: "at least one profession") }
        pTeam = try q.probability("p_team", default: 0.5)
        pOrganisation = try q.probability("p_organisation", default: 0.02)
        pAcross = try q.probability("p_across", default: 0.001)
        professionAffinity = try q.double("profession_affinity", default: 2, min: 0, max: 1000, expected: "a non-negative multiplier")
        leaders = try q.list("leaders", default: "")
        let known = Set(professions.map(\.name))
        for leader in leaders where !known.contains(leader) {
            let hint = Spelling.nearest(leader, in: professions.map(\.name)).map { " (did you mean \($0)?)" } ?? ""
            throw GeneratorError.invalidValue(model: model, name: "leaders", value: leader,
                                             expected: "one of the professions: \(professions.map(\.name).joined(separator: ", "))\(hint)")
        }
        guard leaders.count <= teams * teamSize else {
            throw GeneratorError.invalidValue(model: model, name: "leaders", value: leaders.joined(separator: ","), expected: "no more leaders than staff per organisation")
        }
        pLeaders = try q.probability("p_leaders", default: 0.3)
        pLeaderLocal = try q.probability("p_leader_local", default: 0.3)
        try q.checkAllRead(known: Self.parameters)
    }

    public var nodeCount: Int { organisationNames.count * teams * teamSize }

    public func generate(using rng: inout Xoshiro256PlusPlus) throws -> Graph {
        let organisations = organisationNames.count
        let perOrganisation = teams * teamSize
        let n = nodeCount
        // Professions by share.
        let totalShare = professions.reduce(0) { $0 + $1.share }
        var cumulative: [Double] = []
        var running = 0.0
        for p in professions {
            running += p.share / totalShare
            cumulative.append(running)
        }
        var profession = [Int32](repeating: 0, count: n)
        for v in 0..<n {
            let u = rng.nextUnitDouble()
            profession[v] = Int32(cumulative.firstIndex { u < $0 } ?? professions.count - 1)
        }
        // Leaders: per organisation, one member per leader profession becomes its lead.
        var role = [Int32](repeating: 0, count: n)
        var leaderNodes: [[Int]] = Array(repeating: [], count: organisations)
        for o in 0..<organisations {
            let start = o * perOrganisation
            for (r, name) in leaders.enumerated() {
                let code = Int32(professions.firstIndex { $0.name == name }!)
                let candidates = (start..<(start + perOrganisation)).filter { profession[$0] == code && role[$0] == 0 }
                let pick: Int
                if candidates.isEmpty {
                    let free = (start..<(start + perOrganisation)).filter { role[$0] == 0 }
                    pick = free[rng.nextInt(below: free.count)]
                    profession[pick] = code
                } else {
                    pick = candidates[rng.nextInt(below: candidates.count)]
                }
                role[pick] = Int32(r + 1)
                leaderNodes[o].append(pick)
            }
        }

        var sources = [UInt32](), targets = [UInt32](), layer = [UInt8]()
        func add(_ u: Int, _ v: Int, _ relation: UInt8) {
            sources.append(UInt32(u))
            targets.append(UInt32(v))
            layer.append(relation)
        }
        // Within teams.
        for t in 0..<(organisations * teams) {
            BernoulliPairs.within((t * teamSize)..<((t + 1) * teamSize), probability: pTeam, rng: &rng) { add($0, $1, 0) }
        }
        // Outside the team: draw at the higher of p and p·affinity, then thin each candidate down to
        // the probability its pair of professions has.
        let high = min(1, pOrganisation * professionAffinity), highAcross = min(1, pAcross * professionAffinity)
        func thinned(_ first: Range<Int>, _ second: Range<Int>, p: Double, sameProfession: Double, relation: UInt8) {
            let top = max(p, sameProfession)
            guard top > 0 else { return }
            var candidates: [(Int, Int)] = []
            BernoulliPairs.between(first, second, probability: top, rng: &rng) { candidates.append(($0, $1)) }
            for (u, v) in candidates {
                let target = profession[u] == profession[v] ? sameProfession : p
                if target >= top || rng.nextUnitDouble() < target / top { add(u, v, relation) }
            }
        }
        func team(_ t: Int) -> Range<Int> { (t * teamSize)..<((t + 1) * teamSize) }
        for o in 0..<organisations {
            for a in 0..<teams {
                for b in (a + 1)..<teams {
                    thinned(team(o * teams + a), team(o * teams + b), p: pOrganisation, sameProfession: high, relation: 1)
                }
            }
        }
        func organisation(_ o: Int) -> Range<Int> { (o * perOrganisation)..<((o + 1) * perOrganisation) }
        for a in 0..<organisations {
            for b in (a + 1)..<organisations {
                thinned(organisation(a), organisation(b), p: pAcross, sameProfession: highAcross, relation: 2)
            }
        }
        // Leadership: leaders of one organisation always work together; leaders of different
        // organisations meet with probability p_leaders; leaders reach into their organisation.
        let allLeaders = leaderNodes.flatMap { $0 }
        for o in 0..<organisations {
            let local = leaderNodes[o]
            for i in local.indices { for j in (i + 1)..<local.count { add(local[i], local[j], 3) } }
            for leader in local {
                for v in organisation(o) where role[v] == 0 && rng.bernoulli(pLeaderLocal) {
                    add(leader, v, 3)
                }
            }
        }
        for i in allLeaders.indices {
            for j in (i + 1)..<allLeaders.count where allLeaders[i] / perOrganisation != allLeaders[j] / perOrganisation && rng.bernoulli(pLeaders) {
                add(allLeaders[i], allLeaders[j], 3)
            }
        }

        var nodes = NodeTable(count: n)
        nodes.setAttribute("organisation", .categorical(codes: (0..<n).map { Int32($0 / perOrganisation) }, levels: organisationNames))
        nodes.setAttribute("team", .categorical(codes: (0..<n).map { Int32($0 / teamSize) },
                                                levels: (0..<(organisations * teams)).map { "\(organisationNames[$0 / teams]) / team \($0 % teams + 1)" }))
        nodes.setAttribute("profession", .categorical(codes: profession, levels: professions.map(\.name)))
        nodes.setAttribute("role", .categorical(codes: role, levels: ["staff"] + leaders.map { "lead \($0)" }))
        return Graph.assembleSimple(nodes: nodes, directed: false, sources: sources, targets: targets,
                                    relations: layer, relationNames: Self.relations)
    }
}

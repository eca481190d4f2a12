import Graphs
import Testing
import TestSupport
@testable import Simulation

/// Every seeding strategy in the catalog meets the shared bar (`SeedingConformance`), and the
/// catalog's parameters mean the same thing in every strategy that has them (the schema has one
/// definition per key).
@Suite("Seeding catalog")
struct SeedingCatalogTests {
    static let names = SeedingCatalog.names

    @Test("every strategy: distinct seeds of the right number, reproducible, rankings fixed, too many refused", arguments: names)
    func conformance(_ name: String) throws {
        #expect(Self.names.filter { $0 == name }.count == 1)
        try SeedingConformance.check(SeedingCatalog.named(name)!)
    }

    @Test("a key has one kind across strategies")
    func oneKindPerKey() {
        for p in SeedingCatalog.parameters {
            for s in SeedingCatalog.all {
                if let q = s.parameters.first(where: { $0.name == p.name }) { #expect(q.kind == p.kind, "\(s.name).\(p.name)") }
            }
        }
    }

    @Test("strategies built by code and by catalog values are equal; different values are not")
    func equality() throws {
        let built = try SeedingConformance.build(DegreeSeeding.self, ["count": .integer(3)])
        #expect(built == .degree(count: 3))
        #expect(built != .degree(count: 4) && built != .pagerank(count: 3))
        #expect(try SeedingConformance.build(AttributeSeeding.self, ["attribute": .text("role"), "values": .texts(["nurse"])])
                == .attribute(name: "role", values: ["nurse"], count: nil))
    }

    @Test("imm refuses ε outside (0, 1) when built")
    func immEpsilon() {
        #expect(throws: SimulationError.self) {
            _ = try SeedingConformance.build(IMMSeeding.self, ["count": .integer(2), "epsilon": .number(0)])
        }
    }
}

import Foundation
import NumericCore
import Testing
import TestSupport
import Graphs
@testable import Simulation

/// The shared invariants (`ModelConformance` in TestSupport) on model variants the catalog's
/// examples do not build: weighted cascade, absolute complex contagion, SIS re-adoption.
@Suite("Model conformance")
struct ModelConformanceTests {
    static let network = ModelConformance.network

    static func check<M: DiffusionModel>(_ model: M, name: String) throws { try ModelConformance.invariants(opened: model, name: name) }

    @Test("independent cascade") func ic() throws { try Self.check(IndependentCascade(p: 0.2), name: "IC") }
    @Test("independent cascade, weighted cascade") func wc() throws { try Self.check(IndependentCascade(probability: .weightedCascade), name: "WC") }
    @Test("linear threshold") func lt() throws { try Self.check(LinearThreshold(thresholds: .uniform), name: "LT") }
    @Test("complex contagion") func cc() throws { try Self.check(ComplexContagion(rule: .absolute(2)), name: "CC") }
    @Test("Bass") func bass() throws { try Self.check(BassDiffusion(innovation: 0.01, imitation: 0.3), name: "Bass") }
    @Test("adoption with abandonment (SIR and SIS)") func abandonment() throws {
        try Self.check(AdoptionWithAbandonment(transmission: 0.2, abandonment: 0.1), name: "SIR")
        try Self.check(AdoptionWithAbandonment(transmission: 0.2, abandonment: 0.1, readoption: true), name: "SIS")
    }
    @Test("continuous-time SIR") func continuous() throws { try Self.check(ContinuousTimeSIR(transmissionRate: 0.3, abandonmentRate: 0.2), name: "cSIR") }
    @Test("continuous-time SIS") func continuousSIS() throws { try Self.check(ContinuousTimeSIS(transmissionRate: 0.3, abandonmentRate: 0.2), name: "cSIS") }
}

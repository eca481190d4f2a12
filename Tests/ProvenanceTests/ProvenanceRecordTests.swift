import Foundation
import NumericCore
import Testing
@testable import Provenance

@Suite("Provenance")
struct ProvenanceRecordTests {
    @Test("the record round-trips through its snake_case JSON")
    func roundTrip() throws {
        let record = ProvenanceRecord.current()
        let data = try ProvenanceRecord.encoder.encode(record)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"compute_threads\"") && text.contains("\"core_name\""))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(ProvenanceRecord.self, from: data) == record)
    }

    // OpenBLAS's own count is process-global and other suites run concurrently, so it is checked
    // in a separate process by the CLI test `doctor --json --threads 1`; here only the task-local value.
    @Test("Compute.withThreads scopes the thread count that provenance records")
    func threadsAreScoped() {
        let outside = Compute.threads
        let inside = Compute.withThreads(1) { (Compute.threads, ProvenanceRecord.current().computeThreads) }
        #expect(inside == (1, 1))
        #expect(Compute.threads == outside)
    }

    @Test("build info names a version and a 40-hex commit (or unknown outside git)")
    func buildInfo() {
        #expect(BuildInfo.version.split(separator: ".").count == 3)
        #expect(BuildInfo.commit == "unknown" || BuildInfo.commit.allSatisfy(\.isHexDigit) && BuildInfo.commit.count == 40)
        #expect(BuildInfo.compiler.contains("Swift"))
    }

    @Test("machine info reads a CPU model, cores and memory")
    func machine() {
        let m = MachineInfo.current()
        #expect(!m.cpuModel.isEmpty && m.logicalCores >= 1 && m.memoryBytes > 0 && !m.operatingSystem.isEmpty)
    }

    @Test("every self-check passes on this machine's BLAS")
    func selfChecks() {
        let results = SelfCheck.run()
        #expect(results.count == 7)
        for r in results { #expect(r.passed, "\(r.name): \(r.detail)") }
    }
}

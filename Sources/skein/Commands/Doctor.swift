import ArgumentParser
import Encoders
import Foundation
import NumericCore
import Provenance

/// `skein doctor`: checks the numeric stack and prints the provenance to record with results.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check BLAS/LAPACK and print version, commit, BLAS, CPU and OS for provenance.",
        discussion: "Exits with status 1 when a self-check fails (a broken or mismatched BLAS build)."
    )

    @OptionGroup var compute: ComputeOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let (record, checks) = compute.run { (ProvenanceRecord.current(), SelfCheck.run()) }
        if output.json {
            let data = try ProvenanceRecord.encoder.encode(DoctorReport(provenance: record, checks: checks))
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(Self.text(record, checks))
        }
        if checks.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }

    static func text(_ r: ProvenanceRecord, _ checks: [SelfCheck.Result]) -> String {
        let gib = Double(r.machine.memoryBytes) / Double(1 << 30)
        var lines = [
            "skein     \(r.skein.version), commit \(r.skein.commit)\(r.skein.dirty ? " (modified tree)" : "") of \(r.skein.commitDate)",
            "compiler  \(r.compiler)",
            "blas      \(r.blas.library) \(r.blas.version), \(r.blas.coreName) kernels, \(r.blas.threadingModel), \(r.blas.threads) thread\(r.blas.threads == 1 ? "" : "s")",
            "          \(r.blas.configuration)",
            "threads   \(r.computeThreads) for Skein's loops (set with --threads or SKEIN_THREADS)",
            "cpu       \(r.machine.cpuModel), \(r.machine.logicalCores) logical core\(r.machine.logicalCores == 1 ? "" : "s")",
            "memory    \(String(format: "%.1f", gib)) GiB",
            "os        \(r.machine.operatingSystem), \(r.machine.kernel) \(r.machine.architecture)",
        ] + EncoderModel.catalog.map { model in
            ModelStore().isInstalled(model)
                ? "encoder   \(model.name): installed in \(ModelStore().folder(for: model).path)"
                : "encoder   \(model.name): not installed (skein models install \(model.name)); skein analyse uses TF-IDF"
        } + [
            "checks",
        ]
        for check in checks {
            lines.append("  \(check.passed ? "ok  " : "FAIL") \(check.name)\(check.passed ? "" : ": \(check.detail)")")
        }
        let failed = checks.filter { !$0.passed }.count
        lines.append(failed == 0 ? "all \(checks.count) checks passed" : "\(failed) of \(checks.count) checks FAILED")
        return lines.joined(separator: "\n")
    }
}

/// The provenance record with the self-check results alongside, as one flat JSON object.
struct DoctorReport: Encodable {
    let provenance: ProvenanceRecord
    let checks: [SelfCheck.Result]

    private enum Keys: String, CodingKey { case checks, ok, encoders }

    func encode(to encoder: Encoder) throws {
        try provenance.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(checks, forKey: .checks)
        try container.encode(checks.allSatisfy(\.passed), forKey: .ok)
        try container.encode(Dictionary(uniqueKeysWithValues: EncoderModel.catalog.map { ($0.name, ModelStore().isInstalled($0)) }),
                             forKey: .encoders)
    }
}

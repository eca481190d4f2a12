import Foundation

// libFuzzer calls `LLVMFuzzerTestOneInput` (FuzzEntry.swift) with each input; SwiftPM names an
// executable's entry point after its module, so the driver is started from here.
let targetName = ProcessInfo.processInfo.environment["SKEIN_FUZZ_TARGET"] ?? ""
guard let target = FuzzTarget.all.first(where: { $0.name == targetName }) else {
    FileHandle.standardError.write(Data("set SKEIN_FUZZ_TARGET to one of: \(FuzzTarget.all.map(\.name).joined(separator: ", "))\n".utf8))
    exit(2)
}
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("skein-fuzz-\(targetName)-\(ProcessInfo.processInfo.processIdentifier)")
try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
fuzzing = (target, scratch.appendingPathComponent(target.file))
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = runDriver(&argc, &argv) { fuzzOne($0, $1) }
try? FileManager.default.removeItem(at: scratch)
exit(status)

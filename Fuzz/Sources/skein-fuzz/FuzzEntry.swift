import Foundation

/// The target being fuzzed and the file its inputs are written to, set once before the driver
/// starts (libFuzzer calls in from C, so this is plain global state).
nonisolated(unsafe) var fuzzing: (target: FuzzTarget, input: URL)?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let (target, input) = fuzzing else { return 0 }
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    guard (try? data.write(to: input)) != nil else { return 0 }
    do { try target.read(input) } catch {}  // a clean rejection
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

import Foundation

/// The machine a result was computed on: CPU, cores, memory and operating system.
public struct MachineInfo: Codable, Sendable, Equatable {
    public var cpuModel: String
    public var logicalCores: Int
    public var memoryBytes: Int64
    public var operatingSystem: String
    public var kernel: String
    public var architecture: String

    /// Reads the current machine (Linux /proc and /etc/os-release; uname elsewhere).
    public static func current() -> MachineInfo {
        var system = utsname()
        uname(&system)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        let kernelName = field(system.sysname), release = field(system.release)
        return MachineInfo(
            cpuModel: cpuModelName() ?? field(system.machine),
            logicalCores: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: Int64(ProcessInfo.processInfo.physicalMemory),
            operatingSystem: osReleaseName() ?? kernelName,
            kernel: "\(kernelName) \(release)",
            architecture: field(system.machine)
        )
    }

    private static func cpuModelName() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    private static func osReleaseName() -> String? {
        guard let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            return String(line.dropFirst("PRETTY_NAME=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}

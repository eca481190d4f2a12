import ArgumentParser

/// `skein network`: load, generate and measure networks.
struct Network: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure, generate and convert networks: size, components, clustering, paths, boundaries, brokers, communities.",
        subcommands: [NetworkStats.self, NetworkGenerate.self, NetworkConvert.self, NetworkFormats.self]
    )
}

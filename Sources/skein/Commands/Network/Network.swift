import ArgumentParser

/// `skein network`: load, generate and measure networks.
struct Network: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure and generate networks: size, components, clustering, paths, boundaries, brokers, communities.",
        subcommands: [NetworkStats.self, NetworkGenerate.self]
    )
}

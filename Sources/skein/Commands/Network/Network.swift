import ArgumentParser

/// `skein network`: load, generate and measure networks.
struct Network: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure networks: size, components, clustering, paths, boundaries, brokers, communities.",
        subcommands: [NetworkStats.self]
    )
}

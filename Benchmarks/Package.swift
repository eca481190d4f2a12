// swift-tools-version: 6.1
//
// Skein's benchmarks, kept apart from the main package so they never slow its build or tests.
// Run from the repository root: `make bench-kernels` (release mode), `make bench-micro`
// (ordo-one/benchmark microbenchmarks of the hot kernels, in Benchmarks/Benchmarks/).
import PackageDescription

let package = Package(
    name: "SkeinBenchmarks",
    dependencies: [
        .package(name: "Skein", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "skein-kernels",
            dependencies: [
                .product(name: "NumericCore", package: "Skein"),
                .product(name: "Provenance", package: "Skein"),
            ],
            path: "Sources/KernelBenchmarks"
        ),
        .executableTarget(
            name: "skein-network-bench",
            dependencies: [
                .product(name: "Graphs", package: "Skein"),
                .product(name: "NumericCore", package: "Skein"),
            ],
            path: "Sources/NetworkBenchmarks"
        ),
        .executableTarget(
            name: "skein-simulation-bench",
            dependencies: [
                .product(name: "Graphs", package: "Skein"),
                .product(name: "NumericCore", package: "Skein"),
                .product(name: "Simulation", package: "Skein"),
            ],
            path: "Sources/SimulationBenchmarks"
        ),
        // Microbenchmarks of the hot kernels (package-benchmark: wall clock, instructions, allocations).
        .executableTarget(
            name: "SkeinKernelMicro",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "NumericCore", package: "Skein"),
                .product(name: "Graphs", package: "Skein"),
                .product(name: "Simulation", package: "Skein"),
                .product(name: "Analysis", package: "Skein"),
            ],
            path: "Benchmarks/SkeinKernelMicro",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.1
//
// Skein's benchmarks, kept apart from the main package so they never slow its build or tests.
// Run from the repository root: `make bench-kernels` (release mode).
import PackageDescription

let package = Package(
    name: "SkeinBenchmarks",
    dependencies: [
        .package(name: "Skein", path: ".."),
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
    ],
    swiftLanguageModes: [.v6]
)

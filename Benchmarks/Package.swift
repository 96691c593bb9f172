// swift-tools-version: 6.1
import PackageDescription

/// The benchmark suite of nn: the five workloads of the reference scripts (iris, sphere, digits, wide, gemm),
/// measured with `ordo-one/benchmark` (one benchmark target per workload) and by `nn-bench`, which runs one
/// workload and prints one JSON line comparable with the reference scripts'.
let package = Package(
  name: "NNBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    .package(name: "nn", path: ".."),
  ],
  targets: [
    .target(
      name: "Workloads",
      dependencies: [
        .product(name: "NNCore", package: "nn"),
        .product(name: "NNLayers", package: "nn"),
        .product(name: "NNOptim", package: "nn"),
        .product(name: "NNData", package: "nn"),
        .product(name: "NNTraining", package: "nn"),
      ]
    ),
    .executableTarget(name: "nn-bench", dependencies: ["Workloads"]),
    benchmarkTarget("Iris"),
    benchmarkTarget("Sphere"),
    benchmarkTarget("Digits"),
    benchmarkTarget("Wide"),
    benchmarkTarget("Gemm"),
  ],
  swiftLanguageModes: [.v6]
)

/// A benchmark target of `ordo-one/benchmark`, its sources in `Benchmarks/<name>/`.
func benchmarkTarget(_ name: String) -> Target {
  .executableTarget(
    name: name,
    dependencies: [.product(name: "Benchmark", package: "benchmark"), "Workloads"],
    path: "Benchmarks/\(name)",
    plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
  )
}

// swift-tools-version: 6.0
import PackageDescription

/// The matrix type, the component protocols, the registry and the random source of nn.
let package = Package(
  name: "NNCore",
  products: [
    .library(name: "NNCore", targets: ["NNCore"]),
    // The hot loops in C, for NNLayers and NNOptim.
    .library(name: "CNNKernels", targets: ["CNNKernels"]),
  ],
  dependencies: [
    .package(path: "../NNSystemLibs")
  ],
  targets: [
    // The hot loops in C (the fused training kernel's, batch gathering, random draws), compiled
    // for several instruction sets and chosen for the CPU at run time.
    .target(name: "CNNKernels", linkerSettings: [.linkedLibrary("m")]),
    // A team of threads that share the blocks of large matrix products.
    .target(name: "CNNThreads", linkerSettings: [.linkedLibrary("pthread")]),
    .target(
      name: "NNCore",
      dependencies: [.product(name: "CGSL", package: "NNSystemLibs"), "CNNKernels", "CNNThreads"]
    ),
  ],
  swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.0
import PackageDescription

/// nn: a neural-network framework for learning backpropagation and training multi-layer perceptrons fast
/// on a CPU. The packages under `Packages/` hold the framework; this package holds the `nn` command-line
/// tool and the test suite of every package.
let package = Package(
  name: "nn",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "nn", targets: ["nn"])
  ],
  dependencies: [
    .package(path: "Packages/NNCore"),
    .package(path: "Packages/NNLayers"),
    .package(path: "Packages/NNOptim"),
    .package(path: "Packages/NNData"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    .executableTarget(
      name: "nn",
      dependencies: [
        .product(name: "NNCore", package: "NNCore"),
        .product(name: "NNLayers", package: "NNLayers"),
        .product(name: "NNOptim", package: "NNOptim"),
        .product(name: "NNData", package: "NNData"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    .testTarget(
      name: "NNCoreTests",
      dependencies: [.product(name: "NNCore", package: "NNCore")]
    ),
    .testTarget(
      name: "NNLayersTests",
      dependencies: [
        .product(name: "NNCore", package: "NNCore"),
        .product(name: "NNData", package: "NNData"),
        .product(name: "NNLayers", package: "NNLayers"),
        .product(name: "NNOptim", package: "NNOptim"),
      ]
    ),
    .testTarget(
      name: "NNOptimTests",
      dependencies: [
        .product(name: "NNCore", package: "NNCore"),
        .product(name: "NNOptim", package: "NNOptim"),
      ]
    ),
    .testTarget(
      name: "NNDataTests",
      dependencies: [
        .product(name: "NNCore", package: "NNCore"),
        .product(name: "NNData", package: "NNData"),
      ],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "nnTests",
      dependencies: [
        "nn",
        .product(name: "NNCore", package: "NNCore"),
        .product(name: "NNLayers", package: "NNLayers"),
        .product(name: "NNOptim", package: "NNOptim"),
        .product(name: "NNData", package: "NNData"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)

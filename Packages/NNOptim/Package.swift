// swift-tools-version: 6.0
import PackageDescription

/// Optimizers of nn: update rules with their state kept apart.
let package = Package(
  name: "NNOptim",
  products: [
    .library(name: "NNOptim", targets: ["NNOptim"])
  ],
  dependencies: [
    .package(path: "../NNCore")
  ],
  targets: [
    .target(
      name: "NNOptim",
      dependencies: [
        .product(name: "NNCore", package: "NNCore"), .product(name: "CNNKernels", package: "NNCore"),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.0
import PackageDescription

/// Data sets, loaders and batch samplers for nn.
let package = Package(
  name: "NNData",
  products: [
    .library(name: "NNData", targets: ["NNData"])
  ],
  dependencies: [
    .package(path: "../NNCore")
  ],
  targets: [
    .target(
      name: "NNData",
      dependencies: [.product(name: "NNCore", package: "NNCore")],
      resources: [.copy("Resources/iris.data")]
    )
  ],
  swiftLanguageModes: [.v6]
)

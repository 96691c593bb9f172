// swift-tools-version: 6.0
import PackageDescription

/// Data sets, loaders (MAT through libmatio, CSV, iris), transforms and batch samplers for nn.
let package = Package(
  name: "NNData",
  products: [
    .library(name: "NNData", targets: ["NNData"])
  ],
  dependencies: [
    .package(path: "../NNCore"),
    .package(path: "../NNSystemLibs"),
  ],
  targets: [
    .target(
      name: "NNData",
      dependencies: [
        .product(name: "NNCore", package: "NNCore"),
        .product(name: "CMatio", package: "NNSystemLibs"),
        .product(name: "CNNZlib", package: "NNSystemLibs"),
      ],
      resources: [.copy("Resources/iris.data")]
    )
  ],
  swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.0
import PackageDescription

/// The matrix type, the component protocols, the registry and the random source of nn.
let package = Package(
  name: "NNCore",
  products: [
    .library(name: "NNCore", targets: ["NNCore"])
  ],
  dependencies: [
    .package(path: "../NNSystemLibs")
  ],
  targets: [
    .target(
      name: "NNCore",
      dependencies: [.product(name: "CGSL", package: "NNSystemLibs")]
    )
  ],
  swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.1
import PackageDescription

/// Training across processes on Open MPI: the message-passing calls (`CNNMPI`, over Open MPI found through
/// pkg-config), `Communicator.world()` for Swift programs, and the shared library `nn train --distributed` loads.
/// A package of its own, so that the rest of nn, and whoever trains in one process, never links MPI.
/// nn's libraries, as the check tool and the tests use them.
let libraries: [Target.Dependency] = ["NNCore", "NNLayers", "NNOptim", "NNData", "NNTraining"].map {
  .product(name: $0, package: "nn")
}

let package = Package(
  name: "NNDistributed",
  products: [
    .library(name: "NNDistributed", targets: ["NNDistributed"]),
    // Loaded by `nn train --distributed` (`make distributed` puts it beside nn).
    .library(name: "NNDistributedRuntime", type: .dynamic, targets: ["CNNMPI"]),
    .executable(name: "nn-distributed-check", targets: ["DistributedCheckTool"]),
  ],
  dependencies: [
    .package(name: "nn", path: "../.."),
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]),
    .target(name: "CNNMPI", dependencies: ["CMPI"]),
    .target(
      name: "NNDistributed",
      dependencies: [
        "CNNMPI",
        .product(name: "NNCore", package: "nn"),
        .product(name: "NNTraining", package: "nn"),
      ]),
    // Runs under mpirun for the tests: trains and writes what each process ends with.
    .executableTarget(name: "DistributedCheckTool", dependencies: ["NNDistributed"] + libraries),
    .testTarget(name: "NNDistributedTests", dependencies: ["NNDistributed"] + libraries),
  ],
  swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.0
import PackageDescription

/// nn: a neural-network framework for learning backpropagation and training multi-layer perceptrons fast
/// on a CPU.
///
/// This manifest vends every library of the framework and the `nn` tool, so that a package depends on nn by URL
/// at a version: `.package(url: "…/nn.git", from: "0.1.0")`. Each library's sources live in its own package
/// under `Packages/` (which builds on its own, `swift build --package-path Packages/NNLayers`); the targets below
/// name those folders by path. SwiftPM refuses `path:` dependencies inside a package that is itself required by
/// version, so the root cannot depend on `Packages/*` as packages.
let package = Package(
  name: "nn",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "NNCore", targets: ["NNCore"]),
    .library(name: "NNLayers", targets: ["NNLayers"]),
    .library(name: "NNOptim", targets: ["NNOptim"]),
    .library(name: "NNData", targets: ["NNData"]),
    .library(name: "NNTraining", targets: ["NNTraining"]),
    .library(name: "NNScaffolding", targets: ["NNScaffolding"]),
    .library(name: "NNInterchange", targets: ["NNInterchange"]),
    .executable(name: "nn", targets: ["nn"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.28.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
  ],
  targets: [
    // The C libraries, as Swift modules (module maps only): see Packages/NNSystemLibs.
    .systemLibrary(
      name: "CGSL",
      path: "Packages/NNSystemLibs/Sources/CGSL",
      providers: [.apt(["libgsl-dev", "libopenblas-dev"])]
    ),
    .systemLibrary(
      name: "CMatio",
      path: "Packages/NNSystemLibs/Sources/CMatio",
      providers: [.apt(["libmatio-dev"])]
    ),
    // The hot loops in C (the fused training kernel's, batch gathering, random draws), compiled
    // for several instruction sets and chosen for the CPU at run time.
    .target(
      name: "CNNKernels",
      path: "Packages/NNCore/Sources/CNNKernels",
      linkerSettings: [.linkedLibrary("m")]
    ),
    // A team of threads that share the blocks of large matrix products.
    .target(
      name: "CNNThreads",
      path: "Packages/NNCore/Sources/CNNThreads",
      linkerSettings: [.linkedLibrary("pthread")]
    ),
    .target(
      name: "NNCore", dependencies: ["CGSL", "CNNKernels", "CNNThreads"], path: "Packages/NNCore/Sources/NNCore"),
    .target(name: "NNLayers", dependencies: ["NNCore", "CNNKernels"], path: "Packages/NNLayers/Sources/NNLayers"),
    .target(name: "NNOptim", dependencies: ["NNCore", "CNNKernels"], path: "Packages/NNOptim/Sources/NNOptim"),
    .systemLibrary(
      name: "CNNZlib",
      path: "Packages/NNSystemLibs/Sources/CNNZlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .target(
      name: "NNData",
      dependencies: ["NNCore", "CMatio", "CNNZlib"],
      path: "Packages/NNData/Sources/NNData",
      resources: [.copy("Resources/iris.data")]
    ),
    .target(
      name: "NNTraining",
      dependencies: ["NNCore", "NNLayers", "NNOptim", "NNData"],
      path: "Packages/NNTraining/Sources/NNTraining"
    ),
    // Leaving and arriving: ONNX export (messages generated once from Packages/NNInterchange/Proto by
    // protoc-gen-swift and committed).
    .target(
      name: "NNInterchange",
      dependencies: [
        "NNCore", "NNLayers", "NNData", "NNTraining", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      path: "Packages/NNInterchange/Sources/NNInterchange"
    ),
    // The component templates `nn new` renders, shipped beside the tool so it works outside a checkout.
    .target(
      name: "NNTemplates",
      path: "Templates",
      exclude: ["README.md"],
      resources: [
        .copy("activation"), .copy("layer"), .copy("loss"), .copy("optimizer"), .copy("initializer"), .copy("plugin"),
      ]
    ),
    // What `nn new` does, as a library: renders the templates into a checkout of nn or a package of the user's.
    .target(
      name: "NNScaffolding",
      dependencies: ["NNCore", "NNTemplates", .product(name: "Mustache", package: "swift-mustache")]
    ),
    .executableTarget(
      name: "nn",
      dependencies: [
        "NNCore", "NNLayers", "NNOptim", "NNData", "NNTraining", "NNTemplates",
        "NNScaffolding", "NNInterchange",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "NNCoreTests", dependencies: ["NNCore"]),
    // The test executable's own allocation functions, counting each thread's allocations (glibc only).
    .target(name: "CAllocationCounting", path: "Tests/CAllocationCounting"),
    // Scratch directories for the tests' files, removed when the test process exits.
    .target(name: "TestScratch", path: "Tests/TestScratch"),
    .testTarget(
      name: "NNLayersTests", dependencies: ["NNCore", "NNLayers", "NNOptim", "NNTraining", "CAllocationCounting"]),
    .testTarget(name: "NNOptimTests", dependencies: ["NNCore", "NNOptim"]),
    .testTarget(
      name: "NNDataTests", dependencies: ["NNCore", "NNData", "CNNZlib", "TestScratch"], exclude: ["Fixtures"]),
    .testTarget(
      name: "NNTrainingTests", dependencies: ["NNCore", "NNLayers", "NNOptim", "NNData", "NNTraining", "TestScratch"]),
    .testTarget(name: "NNScaffoldingTests", dependencies: ["NNCore", "NNScaffolding"]),
    .testTarget(
      name: "NNInterchangeTests",
      dependencies: ["NNCore", "NNLayers", "NNOptim", "NNData", "NNTraining", "NNInterchange"]),
    .testTarget(
      name: "nnTests", dependencies: ["nn", "NNCore", "NNLayers", "NNOptim", "NNData", "NNTraining", "TestScratch"]),
  ],
  swiftLanguageModes: [.v6]
)

import Foundation
import NNCore

/// Scratch folders for scaffolding: a copy of `Templates/` and of the two plugin files of nn (nothing else, so
/// nothing written is ever built), and a folder for packages of a user's.
struct ScaffoldingFixture {
  /// The repository this test suite belongs to.
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The plugin file of NNLayers, relative to the root.
  static let layersPlugin = "Packages/NNLayers/Sources/NNLayers/NNLayersPlugin.swift"
  /// The plugin file of NNOptim, relative to the root.
  static let optimPlugin = "Packages/NNOptim/Sources/NNOptim/NNOptimPlugin.swift"

  /// The scratch checkout: `Templates/` and the plugin files.
  let root: URL
  /// A folder outside the checkout, for packages of a user's.
  let outside: URL

  /// Fresh copies in new temporary folders.
  init() throws {
    let manager = FileManager.default
    let base = manager.temporaryDirectory.appendingPathComponent("nn-scaffolding-\(UUID().uuidString)")
    root = base.appendingPathComponent("checkout")
    outside = base.appendingPathComponent("outside")
    try manager.createDirectory(at: outside, withIntermediateDirectories: true)
    try manager.createDirectory(at: root, withIntermediateDirectories: true)
    try manager.copyItem(
      at: Self.repository.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
    for path in [Self.layersPlugin, Self.optimPlugin] {
      let target = root.appendingPathComponent(path)
      try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try manager.copyItem(at: Self.repository.appendingPathComponent(path), to: target)
    }
  }

  /// A package of a user's in ``outside``: a `Package.swift` and one source file in each target's folder.
  ///
  /// - Parameters:
  ///   - name: The package's folder.
  ///   - targets: The folders to make under `Sources/`.
  /// - Returns: The package's folder.
  func userPackage(_ name: String = "MyModels", targets: [String] = ["MyModels"]) throws -> URL {
    let package = outside.appendingPathComponent(name)
    for target in targets {
      let folder = package.appendingPathComponent("Sources/\(target)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data("public let version = 1\n".utf8).write(to: folder.appendingPathComponent("Version.swift"))
    }
    try Data("// swift-tools-version: 6.0\nimport PackageDescription\n".utf8)
      .write(to: package.appendingPathComponent("Package.swift"))
    return package
  }

  /// The text of the file at `path` relative to `base` (the root by default), or `nil`.
  ///
  /// - Parameters:
  ///   - path: A relative path.
  ///   - base: The folder it is relative to.
  func text(_ path: String, in base: URL? = nil) -> String? {
    try? String(contentsOf: (base ?? root).appendingPathComponent(path), encoding: .utf8)
  }

  /// Every file and folder under `base` (the root by default) with its text: a snapshot to compare.
  ///
  /// - Parameter base: The folder to list.
  func snapshot(of base: URL? = nil) -> [String: String] {
    let base = (base ?? root).standardizedFileURL
    var files: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
      let path = String(url.standardizedFileURL.path.dropFirst(base.path.count + 1))
      files[path] = text(path, in: base) ?? "<folder>"
    }
    return files
  }

  /// Removes the scratch folders.
  func remove() {
    try? FileManager.default.removeItem(at: root.deletingLastPathComponent())
  }
}

/// A plugin whose names are taken: the activation `soft_clip` and the loss `robust`.
enum TakenNamesPlugin: Plugin {
  /// Registers the two entries; their factories are never called.
  static func register(in registrar: inout Registrar) {
    registrar.register(
      activation: ComponentEntry<any Activation>(name: "soft_clip", summary: "taken") { _ in throw CancellationError() }
    )
    registrar.register(
      loss: ComponentEntry<any Loss>(name: "robust", summary: "taken") { _ in throw CancellationError() })
  }
}

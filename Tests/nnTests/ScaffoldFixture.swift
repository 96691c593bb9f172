import Foundation

/// A scratch repository for `nn new`: a copy of `Templates/` and of the two plugin files, nothing else, so the
/// tool can be run against it without building what it writes.
struct ScaffoldFixture {
  /// The repository this test suite belongs to.
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The plugin files `nn new` inserts registrations into.
  static let pluginPaths = [
    "Packages/NNLayers/Sources/NNLayers/NNLayersPlugin.swift",
    "Packages/NNOptim/Sources/NNOptim/NNOptimPlugin.swift",
  ]

  /// The scratch root.
  let root: URL

  /// A fresh copy in a new temporary folder.
  init() throws {
    root = try CommandRunner.temporaryDirectory()
    let manager = FileManager.default
    try manager.copyItem(
      at: ScaffoldFixture.repository.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
    for path in ScaffoldFixture.pluginPaths {
      let target = root.appendingPathComponent(path)
      try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try manager.copyItem(at: ScaffoldFixture.repository.appendingPathComponent(path), to: target)
    }
  }

  /// Runs `nn new` with `arguments` in the scratch root.
  ///
  /// - Parameter arguments: The arguments after `nn new`.
  func new(_ arguments: [String]) throws -> CommandRunner.Result {
    try CommandRunner.run(["new"] + arguments, in: root)
  }

  /// The text of the file at `path`, relative to the root, or `nil` when there is none.
  ///
  /// - Parameter path: A path relative to the root.
  func text(_ path: String) -> String? {
    try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  /// Every file under the root (relative paths, sorted) with its text: a snapshot to compare before and after.
  func snapshot() -> [String: String] {
    var files: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
      let path = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      files[path] = isDirectory.boolValue ? "<folder>" : text(path) ?? "<unreadable>"
    }
    return files
  }

  /// Removes the scratch root.
  func remove() {
    try? FileManager.default.removeItem(at: root)
  }
}

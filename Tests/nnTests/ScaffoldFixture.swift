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
  /// A scratch folder outside the scratch root and any checkout: the working folder for `nn new --package-path`,
  /// which then reads the templates shipped beside the tool, and where ``userPackage(_:targets:)`` makes packages.
  let outside: URL

  /// A fresh copy in a new temporary folder.
  init() throws {
    root = try CommandRunner.temporaryDirectory()
    outside = try CommandRunner.temporaryDirectory()
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

  /// A user's Swift package in ``outside``: a `Package.swift` naming the targets, and one source file in each
  /// target's folder under `Sources/`. No plugin file, no test folder.
  ///
  /// - Parameters:
  ///   - name: The package's folder and name.
  ///   - targets: The folders to make under `Sources/`.
  ///   - manifest: Whether to write `Package.swift`.
  func userPackage(_ name: String = "MyModels", targets: [String] = ["MyModels"], manifest: Bool = true) throws
    -> URL
  {
    let package = outside.appendingPathComponent(name)
    let manager = FileManager.default
    for target in targets {
      let folder = package.appendingPathComponent("Sources/\(target)")
      try manager.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data("/// Part of \(target).\npublic let \(target.lowercased())Version = 1\n".utf8)
        .write(to: folder.appendingPathComponent("Version.swift"))
    }
    if manifest {
      let declared = targets.map { "    .target(name: \"\($0)\")," }.joined(separator: "\n")
      let text =
        "// swift-tools-version: 6.0\nimport PackageDescription\n\n"
        + "let package = Package(\n  name: \"\(name)\",\n  targets: [\n\(declared)\n  ]\n)\n"
      try Data(text.utf8).write(to: package.appendingPathComponent("Package.swift"))
    }
    return package
  }

  /// Runs `nn new` with `arguments` and `--package-path package`, in ``outside``.
  ///
  /// - Parameters:
  ///   - arguments: The arguments after `nn new`.
  ///   - package: The user's package.
  func new(_ arguments: [String], package: URL) throws -> CommandRunner.Result {
    try CommandRunner.run(["new"] + arguments + ["--package-path", package.path], in: outside)
  }

  /// The text of the file at `path`, relative to the root, or `nil` when there is none.
  ///
  /// - Parameter path: A path relative to the root.
  func text(_ path: String) -> String? { text(path, in: root) }

  /// The text of the file at `path`, relative to `base`, or `nil` when there is none.
  ///
  /// - Parameters:
  ///   - path: A relative path.
  ///   - base: The folder it is relative to.
  func text(_ path: String, in base: URL) -> String? {
    try? String(contentsOf: base.appendingPathComponent(path), encoding: .utf8)
  }

  /// Every file under the root (or `base`), by relative path, with its text: a snapshot to compare before and after.
  ///
  /// - Parameter base: The folder to list; the scratch root by default.
  func snapshot(of base: URL? = nil) -> [String: String] {
    let base = (base ?? root).standardizedFileURL
    var files: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
      let path = String(url.standardizedFileURL.path.dropFirst(base.path.count + 1))
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      files[path] = isDirectory.boolValue ? "<folder>" : text(path, in: base) ?? "<unreadable>"
    }
    return files
  }

  /// Removes the scratch root and the outside folder.
  func remove() {
    try? FileManager.default.removeItem(at: root)
    try? FileManager.default.removeItem(at: outside)
  }
}

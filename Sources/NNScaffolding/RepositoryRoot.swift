import Foundation

/// Finds the repository `nn new` writes into: the folder holding both `Templates/` and `Packages/`.
enum RepositoryRoot {
  /// The root: `explicit` when given (it must hold `Templates/`), otherwise the nearest of `start` and its
  /// parents holding `Templates/` and `Packages/`.
  ///
  /// - Parameters:
  ///   - explicit: The `--root` path, if any.
  ///   - start: Where to start looking upward (the current directory).
  /// - Throws: ``ScaffoldingError`` (missing input) naming where it looked.
  static func find(explicit: String?, from start: URL) throws -> URL {
    if let explicit {
      let url = URL(fileURLWithPath: explicit, relativeTo: start).standardizedFileURL
      guard isFolder(url.appendingPathComponent("Templates")) else {
        throw ScaffoldingError.missingInput("--root \(explicit): no Templates/ folder in \(url.path)")
      }
      return url
    }
    if let folder = nearest(from: start) { return folder }
    throw ScaffoldingError.missingInput(
      "no folder holding Templates/ and Packages/ in \(start.path) or above; run inside the repository or pass "
        + "--root, or pass --package-path to scaffold into a package of your own")
  }

  /// The nearest of `start` and its parents holding `Templates/` and `Packages/`, or `nil`.
  ///
  /// - Parameter start: Where to start looking upward.
  static func nearest(from start: URL) -> URL? {
    var folder = start.standardizedFileURL
    while true {
      if isFolder(folder.appendingPathComponent("Templates")), isFolder(folder.appendingPathComponent("Packages")) {
        return folder
      }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { return nil }
      folder = parent
    }
  }

  private static func isFolder(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}

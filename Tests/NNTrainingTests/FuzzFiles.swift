import Foundation

/// The inputs the fuzz targets of `Tests/Fuzz` keep: seed corpora (valid inputs) and regression fixtures (inputs
/// that once crashed a reader), one folder per target.
enum FuzzFiles {
  /// `Tests/Fuzz`, found from this source file.
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fuzz", isDirectory: true)

  /// The seeds of a target, sorted by name.
  ///
  /// - Parameter target: The target's folder name, such as `mat`.
  /// - Returns: The files of `Tests/Fuzz/Corpus/<target>` (scripts left out).
  static func seeds(_ target: String) -> [URL] { files(in: "Corpus", target) }

  /// The regression fixtures of a target, sorted by name.
  ///
  /// - Parameter target: The target's folder name, such as `mat`.
  /// - Returns: The files of `Tests/Fuzz/Regressions/<target>`; none when it has no folder.
  static func regressions(_ target: String) -> [URL] { files(in: "Regressions", target) }

  private static func files(in kind: String, _ target: String) -> [URL] {
    let folder = directory.appendingPathComponent(kind).appendingPathComponent(target)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".py") }.sorted().map {
      folder.appendingPathComponent($0)
    }
  }
}

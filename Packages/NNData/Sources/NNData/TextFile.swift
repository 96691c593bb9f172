import Foundation

/// Checks on a file before it is read, turning every failure into a ``DataError`` that names the path.
enum TextFile {
  /// Checks that a regular file is at `url`, before anything reads it.
  ///
  /// - Parameter url: A file URL; messages name it by `url.relativePath`.
  /// - Throws: ``DataError/missingFile(path:)`` when nothing is there, ``DataError/unreadableFile(path:reason:)``
  ///   for a directory.
  static func requireFile(_ url: URL) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw DataError.missingFile(path: url.relativePath)
    }
    guard !isDirectory.boolValue else {
      throw DataError.unreadableFile(path: url.relativePath, reason: "it is a directory")
    }
  }
}

import Foundation

/// Reads whole text files, turning every failure into a ``DataError`` that names the path.
enum TextFile {
  /// The contents of the file at `url`, decoded as UTF-8.
  ///
  /// - Parameter url: A file URL; messages name it by `url.relativePath`.
  /// - Throws: ``DataError/missingFile(path:)`` when nothing is there, ``DataError/unreadableFile(path:reason:)``
  ///   for a directory, a permission problem or bytes that are not UTF-8.
  static func read(_ url: URL) throws -> String {
    let path = url.relativePath
    try requireFile(url)
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      let reason =
        FileManager.default.isReadableFile(atPath: url.path)
        ? "\(error.localizedDescription)" : "permission denied"
      throw DataError.unreadableFile(path: path, reason: reason)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw DataError.unreadableFile(path: path, reason: "not UTF-8 text")
    }
    return text
  }

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

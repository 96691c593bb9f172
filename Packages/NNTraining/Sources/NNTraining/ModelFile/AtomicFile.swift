import Foundation

/// Writes files so that readers never see a half-written one: the bytes go to a temporary file in the same
/// folder, which is then renamed over the destination (a rename within one file system is atomic). When writing
/// fails, the file that was there is left as it was and no temporary file remains.
@_spi(Internals) public enum AtomicFile {
  /// Replaces the file at `path` with `data`.
  ///
  /// - Parameters:
  ///   - data: The whole contents.
  ///   - path: The destination.
  /// - Throws: ``ModelFileError/unwritable(path:reason:)`` when the folder is missing or not writable.
  public static func write(_ data: Data, to path: String) throws(ModelFileError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw .unwritable(path: path, reason: "no such directory \(directory.path)")
    }
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
      try? FileManager.default.removeItem(at: temporary)
      throw .unwritable(path: path, reason: "permission denied or disk full")
    }
    guard rename(temporary.path, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw .unwritable(path: path, reason: reason)
    }
  }
}

import Foundation

/// Writes files so that readers never see a half-written one: the bytes go to a temporary file in the same
/// folder, which is then renamed over the destination (a rename within one file system is atomic).
enum AtomicFile {
  /// Replaces the file at `path` with `data`.
  ///
  /// - Parameters:
  ///   - data: The whole contents.
  ///   - path: The destination.
  /// - Throws: ``CommandFailure`` with the input/output status (74) when the folder is missing or not writable.
  static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw CommandFailure("cannot write \(path): no such directory \(directory.path)", status: .ioError)
    }
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
      throw CommandFailure("cannot write \(path): permission denied or disk full", status: .ioError)
    }
    guard rename(temporary.path, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw CommandFailure("cannot write \(path): \(reason)", status: .ioError)
    }
  }
}

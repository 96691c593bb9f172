import Foundation

/// Writes files so that readers never see a half-written one, and a write that fails or is killed leaves the
/// file that was there as it was and nothing else.
///
/// On Linux the bytes go to an unnamed file in the destination's folder (`O_TMPFILE`), which is flushed to disk,
/// then named (`linkat` through `/proc/self/fd`) and renamed over the destination: a process killed while
/// writing leaves nothing behind. Where the file system cannot make unnamed files, the bytes go to a named
/// temporary file instead. Temporary files are named after the writing process
/// (``TemporaryFileName``); each write removes those of processes that are gone.
@_spi(Internals) public enum AtomicFile {
  /// Replaces the file at `path` with `data`.
  ///
  /// - Parameters:
  ///   - data: The whole contents.
  ///   - path: The destination.
  /// - Throws: ``DataError/unwritableFile(path:reason:)`` when the folder is missing or not writable.
  public static func write(_ data: Data, to path: String) throws(DataError) {
    let failure = data.withUnsafeBytes { failureOfWriting($0, to: path, allowsUnnamedFile: true) }
    if let failure { throw failure }
  }

  /// Replaces the file at `path` with `bytes`.
  ///
  /// - Parameters:
  ///   - bytes: The whole contents.
  ///   - path: The destination.
  ///   - allowsUnnamedFile: Whether an unnamed temporary file may be used where the system has them; `false`
  ///     always writes a named one.
  /// - Throws: ``DataError/unwritableFile(path:reason:)`` when the folder is missing or not writable.
  public static func write(_ bytes: [UInt8], to path: String, allowsUnnamedFile: Bool = true)
    throws(DataError)
  {
    let failure = bytes.withUnsafeBytes { failureOfWriting($0, to: path, allowsUnnamedFile: allowsUnnamedFile) }
    if let failure { throw failure }
  }

  /// Replaces the file at `path` with what `body` writes to a named temporary file in the same folder, for
  /// writers that need a path (libmatio): the file is flushed and renamed over `path` once `body` returns, and
  /// removed if `body` throws. A process killed while `body` writes leaves its temporary file, which the next
  /// write into the folder removes.
  ///
  /// - Parameters:
  ///   - path: The destination.
  ///   - body: Writes the whole file at the path it is given (which does not exist yet).
  /// - Throws: ``DataError/unwritableFile(path:reason:)`` when the folder is missing or the file cannot be
  ///   flushed or renamed; whatever `body` throws.
  public static func write(to path: String, producing body: (String) throws -> Void) throws {
    let (directory, names) = try destinationFolder(of: path).get()
    let temporary = (directory as NSString).appendingPathComponent(names.next())
    do {
      try body(temporary)
      let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else { throw DataError.unwritableFile(path: path, reason: "the file was not written") }
      let isFlushed = fsync(descriptor) == 0
      close(descriptor)
      guard isFlushed else { throw DataError.unwritableFile(path: path, reason: "permission denied or disk full") }
    } catch {
      unlink(temporary)
      throw error
    }
    if let failure = failureOfRenaming(temporary, to: path, directory: directory) { throw failure }
  }

  /// The folder of `path`, checked to exist, with the temporary files of writers that are gone removed from it,
  /// and the names for this write's temporary files.
  ///
  /// - Parameter path: The destination.
  private static func destinationFolder(of path: String) -> Result<(String, TemporaryFileName), DataError> {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      return .failure(.unwritableFile(path: path, reason: "no such directory \(directory)"))
    }
    TemporaryFileName.removeStale(in: directory)
    return .success((directory, TemporaryFileName(destination: url.lastPathComponent)))
  }

  /// Writes `bytes` to `path` atomically; returns the error, or `nil` on success.
  private static func failureOfWriting(_ bytes: UnsafeRawBufferPointer, to path: String, allowsUnnamedFile: Bool)
    -> DataError?
  {
    let directory: String
    let names: TemporaryFileName
    switch destinationFolder(of: path) {
    case .success(let folder): (directory, names) = folder
    case .failure(let failure): return failure
    }
    let notWritable = DataError.unwritableFile(path: path, reason: "permission denied or disk full")
    if allowsUnnamedFile, let descriptor = UnnamedFile.open(in: directory) {
      defer { close(descriptor) }
      guard writeAll(bytes, to: descriptor), fsync(descriptor) == 0 else { return notWritable }
      if let temporary = UnnamedFile.link(descriptor, in: directory, names: names) {
        return failureOfRenaming(temporary, to: path, directory: directory)
      }
      // Naming the file failed (no /proc): write a named file instead.
    }
    var temporary = ""
    var descriptor: Int32 = -1
    for _ in 0..<8 {
      temporary = (directory as NSString).appendingPathComponent(names.next())
      descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o666)
      if descriptor >= 0 || errno != EEXIST { break }
    }
    guard descriptor >= 0 else { return notWritable }
    let isWritten = writeAll(bytes, to: descriptor) && fsync(descriptor) == 0
    close(descriptor)
    guard isWritten else {
      unlink(temporary)
      return notWritable
    }
    return failureOfRenaming(temporary, to: path, directory: directory)
  }

  /// Renames the finished temporary file over the destination and flushes the folder; on failure removes the
  /// temporary file and returns the error.
  private static func failureOfRenaming(_ temporary: String, to path: String, directory: String) -> DataError? {
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      return .unwritableFile(path: path, reason: reason)
    }
    // Make the new name durable; a failure here does not undo the write, so it is not reported.
    let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if folder >= 0 {
      _ = fsync(folder)
      close(folder)
    }
    return nil
  }

  /// Writes all of `bytes`, retrying after interruptions and short writes; `false` on an error.
  private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
    guard var next = bytes.baseAddress else { return true }
    var remaining = bytes.count
    while remaining > 0 {
      let written = Foundation.write(descriptor, next, min(remaining, 1 << 30))
      if written < 0 {
        if errno == EINTR { continue }
        return false
      }
      guard written > 0 else { return false }
      next += written
      remaining -= written
    }
    return true
  }
}

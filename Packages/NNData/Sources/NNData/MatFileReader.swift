import Foundation

/// A file opened for reads at any offset (`pread`), closed when the reader is released.
///
/// The structure check of a MAT file reads it through one reader, a few bytes at a time, and never loads it whole.
final class MatFileReader {
  /// The file's size in bytes when it was opened.
  let size: Int
  /// The file's identity when it was opened.
  let identity: MatFileIdentity
  /// The file as messages name it.
  let path: String
  /// The open file.
  private let descriptor: Int32

  /// Opens a file for reading.
  ///
  /// - Parameter url: The file; messages name it by `url.relativePath`.
  /// - Throws: ``DataError/unreadableFile(path:reason:)`` when it cannot be opened or its size read.
  init(_ url: URL) throws {
    path = url.relativePath
    descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw DataError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
    }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      let reason = String(cString: strerror(errno))
      close(descriptor)
      throw DataError.unreadableFile(path: path, reason: reason)
    }
    size = Int(status.st_size)
    identity = MatFileIdentity(status)
  }

  deinit {
    close(descriptor)
  }

  /// Fills `buffer` from the file's bytes at `offset`, as far as the file goes.
  ///
  /// - Parameters:
  ///   - buffer: Where the bytes go.
  ///   - offset: The file offset of the first byte.
  /// - Returns: How many bytes were read: fewer than `buffer.count` only at the end of the file.
  /// - Throws: ``MatDamage`` when the system refuses the read.
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(MatDamage) -> Int {
    guard let base = buffer.baseAddress else { return 0 }
    var done = 0
    while done < buffer.count {
      let count = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else {
        throw MatDamage("the file cannot be read at byte \(offset + done): \(String(cString: strerror(errno)))")
      }
      if count == 0 { break }
      done += count
    }
    return done
  }
}

import Foundation

/// What tells a file's content apart without reading it: its device, inode, size and time of last change. A file
/// whose identity is unchanged was neither replaced nor written since (to the file system's clock).
///
/// ``MatFile`` checks a file's structure once, when it lists the file, and reads variables later through libmatio,
/// which opens the file again: the structure is checked again only when the identity has changed.
struct MatFileIdentity: Equatable {
  /// The device holding the file.
  let device: UInt64
  /// The file's inode on that device.
  let inode: UInt64
  /// The size in bytes.
  let size: Int64
  /// The time of the last change to the content, in seconds.
  let modifiedSeconds: Int64
  /// The nanoseconds of that time.
  let modifiedNanoseconds: Int64

  /// The identity of an open file or a file's status.
  ///
  /// - Parameter status: The file's status (`stat`, `fstat`).
  init(_ status: stat) {
    device = UInt64(truncatingIfNeeded: status.st_dev)
    inode = UInt64(truncatingIfNeeded: status.st_ino)
    size = Int64(status.st_size)
    #if canImport(Darwin)
      let modified = status.st_mtimespec
    #else
      let modified = status.st_mtim
    #endif
    modifiedSeconds = Int64(modified.tv_sec)
    modifiedNanoseconds = Int64(modified.tv_nsec)
  }

  /// The identity of the file at `path` now, or `nil` when it cannot be read.
  ///
  /// - Parameter path: The file's path.
  init?(path: String) {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    self.init(status)
  }
}

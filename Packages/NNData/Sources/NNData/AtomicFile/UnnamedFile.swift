import Foundation

/// Unnamed files in a folder (Linux's `O_TMPFILE`): a file that has no name until it is linked, so it vanishes
/// with its process if that process is killed before.
enum UnnamedFile {
  #if os(Linux) && (arch(x86_64) || arch(arm64))
    /// `O_TMPFILE`, which Swift does not import: `__O_TMPFILE | O_DIRECTORY`, `__O_TMPFILE` being 0o20000000 on
    /// these architectures.
    private static let temporaryFileFlag = O_DIRECTORY | 0o20_000_000
    /// `AT_EMPTY_PATH`, which Swift does not import.
    private static let emptyPathFlag: Int32 = 0x1000
  #endif

  /// Opens a new unnamed file for writing in `directory`; `nil` where the system or file system has none (or the
  /// folder is not writable).
  ///
  /// - Parameter directory: The folder the file will be named in.
  static func open(in directory: String) -> Int32? {
    #if os(Linux) && (arch(x86_64) || arch(arm64))
      let descriptor = Foundation.open(directory, temporaryFileFlag | O_WRONLY | O_CLOEXEC, 0o666)
      return descriptor >= 0 ? descriptor : nil
    #else
      return nil
    #endif
  }

  /// Gives the unnamed file a temporary name in `directory`; returns its path, or `nil` when it cannot be named
  /// (no `/proc`, and no right to link by descriptor).
  ///
  /// - Parameters:
  ///   - descriptor: The unnamed file, written and flushed.
  ///   - directory: The folder it was opened in.
  ///   - names: The temporary names to use.
  static func link(_ descriptor: Int32, in directory: String, names: TemporaryFileName) -> String? {
    #if os(Linux) && (arch(x86_64) || arch(arm64))
      for _ in 0..<8 {
        let temporary = (directory as NSString).appendingPathComponent(names.next())
        if linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0 {
          return temporary
        }
        if errno == EEXIST { continue }
        if linkat(descriptor, "", AT_FDCWD, temporary, emptyPathFlag) == 0 { return temporary }
        if errno != EEXIST { return nil }
      }
      return nil
    #else
      return nil
    #endif
  }
}

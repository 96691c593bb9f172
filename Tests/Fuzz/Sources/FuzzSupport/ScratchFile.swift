import Foundation

/// A file of this process in the temporary folder, rewritten with each input, for readers that take a path.
///
/// The name carries the process identifier, so several targets (or jobs of one) run side by side; the file is
/// removed when the process exits normally.
public struct ScratchFile: Sendable {
  /// Where the file is.
  public let url: URL

  /// A scratch file whose name ends in `.<pathExtension>`.
  ///
  /// - Parameter pathExtension: The extension readers use to detect the format, such as `mat`.
  public init(pathExtension: String) {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nn-fuzz-\(getpid()).\(pathExtension)")
  }

  /// Replaces the file's contents.
  ///
  /// - Parameter bytes: The new contents.
  /// - Returns: The file's URL.
  /// - Throws: The error of writing the file (a full disk).
  public func write(_ bytes: UnsafeRawBufferPointer) throws -> URL {
    try Data(bytes).write(to: url)
    return url
  }

  /// Removes the file, if it is there.
  public func remove() {
    try? FileManager.default.removeItem(at: url)
  }
}

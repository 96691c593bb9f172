import Foundation

/// Empty directories for the files tests write, all inside one directory of the test process that is removed when
/// the process exits, so that runs of the tests leave nothing behind in the temporary directory.
public enum ScratchDirectory {
  /// The process's directory of scratch directories: `nn-tests-<process id>` in the temporary directory.
  private static var root: URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("nn-tests-\(getpid())", isDirectory: true)
  }

  /// Registers the removal of ``root`` at exit, once.
  private static let removalAtExit: Void = {
    atexit { try? FileManager.default.removeItem(at: ScratchDirectory.root) }
  }()

  /// A new empty directory, named `prefix` and a unique suffix.
  ///
  /// - Parameter prefix: The start of the directory's name, such as `data-`.
  public static func make(prefix: String = "") throws -> URL {
    _ = removalAtExit
    let url = root.appendingPathComponent(prefix + UUID().uuidString, isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

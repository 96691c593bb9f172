import CMatio
import Foundation

/// The few things every use of libmatio needs: its messages silenced, its problems noticed, and files checked
/// before it opens them.
///
/// The shim's log functions are called from this file only (each object file that inlines them would get its
/// own copy of their counter).
enum MatLibrary {
  /// libmatio's log function, routed to one that discards its messages and counts its errors and warnings
  /// (done once, on first use).
  ///
  /// libmatio prints problems such as "Unexpected end-of-file" or an HDF5 error stack on standard error, and
  /// for a truncated file may still return (zero-filled) data. nn reports its own errors, which name the file
  /// and variable; the count tells it that libmatio met a problem.
  private static let silenced: Int32 = nn_matio_silence()

  /// Makes sure libmatio's messages are silenced before a call into it.
  static func prepare() {
    _ = silenced
  }

  /// Runs `body` and says whether libmatio reported an error or a warning meanwhile.
  ///
  /// libmatio logs on the thread of the call that met the problem, and the shim counts per thread, so calls
  /// on other threads at the same time do not interfere. `body` must not suspend.
  ///
  /// - Parameter body: Calls into libmatio.
  /// - Returns: What `body` returned, and whether a problem was reported.
  static func checking<Result>(_ body: () throws -> Result) rethrows -> (result: Result, hadProblem: Bool) {
    prepare()
    let before = nn_matio_problem_count()
    let result = try body()
    return (result, nn_matio_problem_count() != before)
  }

  /// Opens a MAT file for reading, after checking that it exists, is a regular file and is not empty.
  ///
  /// - Parameter url: The file; messages name it by `url.relativePath`.
  /// - Returns: libmatio's handle, to be closed with `Mat_Close`.
  /// - Throws: ``DataError/missingFile(path:)``, ``DataError/unreadableFile(path:reason:)``, or
  ///   ``DataError/invalidContent(source:problem:)`` when the file is empty or not a MAT file.
  static func open(_ url: URL) throws -> OpaquePointer {
    prepare()
    let path = url.relativePath
    try TextFile.requireFile(url)
    guard FileManager.default.isReadableFile(atPath: url.path) else {
      throw DataError.unreadableFile(path: path, reason: "permission denied")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    guard size > 0 else {
      throw DataError.invalidContent(source: path, problem: "the file is empty; expected a MAT file")
    }
    let (opened, hadProblem) = checking { Mat_Open(url.path, Int32(MAT_ACC_RDONLY.rawValue)) }
    guard let handle = opened, !hadProblem else {
      if let opened { Mat_Close(opened) }
      throw DataError.invalidContent(
        source: path, problem: "not a MAT file, or a damaged one (libmatio cannot read its header)")
    }
    return handle
  }
}

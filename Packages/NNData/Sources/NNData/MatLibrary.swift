import CMatio
import Foundation

/// The few things every use of libmatio needs: its messages silenced, its problems noticed, and files checked
/// before it opens them.
///
/// The shim's log functions are called from this file only, and only through functions that are never inlined:
/// each object file that inlines them gets its own copy of their counter, and release builds inline across
/// modules (the `nn` tool would read a counter that libmatio never counts up, and take every damaged file for a
/// sound one).
enum MatLibrary {
  /// libmatio's functions, loaded on first use, with its log function routed to one that discards its messages
  /// and counts its errors and warnings.
  ///
  /// libmatio prints problems such as "Unexpected end-of-file" or an HDF5 error stack on standard error, and
  /// for a truncated file may still return (zero-filled) data. nn reports its own errors, which name the file
  /// and variable; the count tells it that libmatio met a problem.
  private static let loaded: Result<MatioFunctions, DataError> = MatioFunctions.load().map { functions in
    silence(functions)
    return functions
  }

  /// Routes libmatio's messages to the shim's counting log function.
  ///
  /// - Parameter functions: libmatio's functions.
  @inline(never)
  private static func silence(_ functions: MatioFunctions) {
    _ = nn_matio_silence(functions.initializeLog)
  }

  /// Gives HDF5, on the calling thread, the shim's function that counts its errors instead of printing them
  /// (HDF5 keeps that setting per thread; `H5E_DEFAULT` is 0).
  ///
  /// - Parameter matio: libmatio's functions.
  @inline(never)
  private static func routeHDF5Errors(_ matio: MatioFunctions) {
    _ = matio.setHDF5ErrorFunction?(0, { stack, data in nn_hdf5_record_error(stack, data) }, nil)
  }

  /// The number of errors and warnings libmatio has reported on the calling thread.
  ///
  /// - Returns: The shim's count.
  @inline(never)
  private static func problemCount() -> Int {
    nn_matio_problem_count()
  }

  /// libmatio's functions, its messages silenced.
  ///
  /// - Throws: ``DataError/unavailableLibrary(name:reason:)`` when libmatio cannot be loaded.
  static func functions() throws -> MatioFunctions {
    try loaded.get()
  }

  /// Runs `body` with libmatio's functions and says whether libmatio reported an error or a warning meanwhile.
  ///
  /// libmatio logs on the thread of the call that met the problem, and the shim counts per thread, so calls
  /// on other threads at the same time do not interfere; HDF5's printing of error stacks, a setting of each
  /// thread, goes to a function that counts its errors, set on the calling thread first. `body` must not suspend.
  ///
  /// - Parameter body: Calls into libmatio.
  /// - Returns: What `body` returned, and whether a problem was reported.
  /// - Throws: ``DataError/unavailableLibrary(name:reason:)``, or what `body` throws.
  static func checking<Result>(
    _ body: (MatioFunctions) throws -> Result
  ) throws -> (result: Result, hadProblem: Bool) {
    let matio = try functions()
    routeHDF5Errors(matio)
    let before = problemCount()
    let result = try body(matio)
    return (result, problemCount() != before)
  }

  /// Opens a MAT file for reading, after checking that it exists, is a regular file and is not empty, and that its
  /// structure is sound (``MatStructureCheck``): libmatio allocates what a header declares before it checks it.
  ///
  /// - Parameters:
  ///   - url: The file; messages name it by `url.relativePath`.
  ///   - maximumElements: ``DataLoadOptions/maximumElements``, which the structure check applies to the file's
  ///     nested arrays too.
  ///   - earlier: The report of an earlier check of the file, used again when the file's identity is unchanged
  ///     since (the file was neither replaced nor written).
  /// - Returns: libmatio's handle, to be closed with ``MatioFunctions/close``, and what the structure check found.
  /// - Throws: ``DataError/missingFile(path:)``, ``DataError/unreadableFile(path:reason:)``,
  ///   ``DataError/invalidContent(source:problem:)`` when the file is empty, not a MAT file or damaged,
  ///   ``DataError/badVariable(source:variable:problem:)`` naming a damaged variable, or
  ///   ``DataError/unavailableLibrary(name:reason:)``.
  static func open(
    _ url: URL, maximumElements: Int, checkedBefore earlier: MatStructureCheck.Report? = nil
  ) throws -> (handle: OpaquePointer, structure: MatStructureCheck.Report) {
    let path = url.relativePath
    try TextFile.requireFile(url)
    guard FileManager.default.isReadableFile(atPath: url.path) else {
      throw DataError.unreadableFile(path: path, reason: "permission denied")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    guard size > 0 else {
      throw DataError.invalidContent(source: path, problem: "the file is empty; expected a MAT file")
    }
    let matio = try functions()
    let structure: MatStructureCheck.Report
    if let earlier, earlier.fileIdentity != nil, earlier.fileIdentity == MatFileIdentity(path: url.path) {
      structure = earlier
    } else {
      structure = try MatStructureCheck.check(url, maximumElements: maximumElements)
    }
    let (opened, hadProblem) = try checking { matio in matio.open(url.path, Int32(MAT_ACC_RDONLY.rawValue)) }
    guard let handle = opened, !hadProblem else {
      if let opened { _ = matio.close(opened) }
      throw DataError.invalidContent(
        source: path, problem: "not a MAT file, or a damaged one (libmatio cannot read its header)")
    }
    return (handle, structure)
  }
}

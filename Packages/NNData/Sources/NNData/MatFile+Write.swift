import CMatio
import Foundation
import NNCore

extension MatFile {
  /// Writes one matrix as a MAT file (version 7, compressed, by default), replacing the file atomically.
  ///
  /// - Parameters:
  ///   - matrix: The matrix; it is stored as a `rows × columns` double array, as MATLAB expects (a single array
  ///     for a `float32` matrix, except in version 4, which holds doubles only and gets the values widened).
  ///   - name: The variable's name: a letter, then letters, digits or underscores, at most 63 characters.
  ///   - url: Where to write.
  ///   - version: The format version; ``MatVersion/v7`` by default.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` for a bad variable name,
  ///   ``DataError/unwritableFile(path:reason:)`` when the file cannot be written.
  public static func write(_ matrix: Matrix, named name: String, to url: URL, version: MatVersion = .v7) throws {
    try write([(name: name, matrix: matrix)], to: url, version: version)
  }

  /// Writes named matrices as one MAT file (version 7, compressed, by default), replacing the file atomically.
  ///
  /// The file is written to a temporary file in the same directory and renamed over `url` only when complete
  /// (through the one atomic-write path every file of nn takes), so a failure never leaves a half-written file
  /// behind and readers never see one.
  ///
  /// - Parameters:
  ///   - variables: The variables in the order to store them; names must be distinct valid MATLAB names (a
  ///     letter, then letters, digits or underscores, at most 63 characters).
  ///   - url: Where to write.
  ///   - version: The format version; ``MatVersion/v7`` by default.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` for a bad or repeated name or no variables,
  ///   ``DataError/unwritableFile(path:reason:)`` when the file cannot be written.
  public static func write(
    _ variables: [(name: String, matrix: Matrix)], to url: URL, version: MatVersion = .v7
  ) throws {
    try validate(names: variables.map(\.name))
    let path = url.relativePath
    // Without libmatio, fail before any file is made.
    _ = try MatLibrary.functions()
    let directory = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw DataError.unwritableFile(path: path, reason: "no such directory \(directory.relativePath)")
    }
    try AtomicFile.write(to: path) { temporary in
      guard let handle = try MatLibrary.checking({ matio in matio.create(temporary, nil, version.fileType) }).result
      else {
        let reason =
          FileManager.default.isWritableFile(atPath: directory.path)
          ? "libmatio could not create the file" : "permission denied"
        throw DataError.unwritableFile(path: path, reason: reason)
      }
      let (written, hadProblem) = try MatLibrary.checking { matio -> String? in
        var failure: String?
        for variable in variables where failure == nil {
          failure = write(
            variable.matrix, named: variable.name, into: handle, compression: version.compression, matio: matio)
        }
        if matio.close(handle) != 0, failure == nil { failure = "libmatio could not finish the file" }
        return failure
      }
      var failure = written
      if hadProblem, failure == nil { failure = "libmatio reported a problem while writing" }
      if let failure { throw DataError.unwritableFile(path: path, reason: failure) }
    }
  }

  /// Writes one variable into an open file; returns what went wrong, or `nil`.
  private static func write(
    _ matrix: Matrix, named name: String, into handle: OpaquePointer, compression: matio_compression,
    matio: MatioFunctions
  ) -> String? {
    switch matrix.elementType {
    case .float64:
      var values = MatConversion.columnMajor(matrix, as: Double.self)
      return write(
        &values, rows: matrix.rows, columns: matrix.columns, named: name, class: MAT_C_DOUBLE,
        type: MAT_T_DOUBLE, into: handle, compression: compression, matio: matio)
    case .float32:
      var values = MatConversion.columnMajor(matrix, as: Float.self)
      return write(
        &values, rows: matrix.rows, columns: matrix.columns, named: name, class: MAT_C_SINGLE,
        type: MAT_T_SINGLE, into: handle, compression: compression, matio: matio)
    }
  }

  /// Writes one variable of column-major `values` of a MATLAB class into an open file; returns what went wrong,
  /// or `nil`.
  private static func write<Element>(
    _ values: inout [Element], rows: Int, columns: Int, named name: String, class matlabClass: matio_classes,
    type: matio_types, into handle: OpaquePointer, compression: matio_compression, matio: MatioFunctions
  ) -> String? {
    var dimensions = [rows, columns]
    return values.withUnsafeMutableBytes { bytes -> String? in
      dimensions.withUnsafeMutableBufferPointer { dims -> String? in
        guard
          let variable = matio.createVariable(
            name, matlabClass, type, 2, dims.baseAddress, bytes.baseAddress, Int32(MAT_F_DONT_COPY_DATA.rawValue))
        else { return "libmatio could not create the variable '\(name)'" }
        defer { matio.freeVariable(variable) }
        guard matio.writeVariable(handle, variable, compression) == 0 else {
          return "libmatio could not write the variable '\(name)' (is the disk full?)"
        }
        return nil
      }
    }
  }

  /// Checks that the names are distinct valid MATLAB variable names.
  private static func validate(names: [String]) throws {
    guard !names.isEmpty else {
      throw DataError.invalidArgument(name: "MAT variables", problem: "expected at least one variable to write")
    }
    var seen = Set<String>()
    for name in names {
      guard isValidName(name) else {
        throw DataError.invalidArgument(
          name: "MAT variable name",
          problem: "'\(name)' is not a MATLAB name (a letter, then letters, digits or underscores, at most 63)")
      }
      guard seen.insert(name).inserted else {
        throw DataError.invalidArgument(name: "MAT variable name", problem: "'\(name)' is given twice")
      }
    }
  }

  /// Whether `name` is a valid MATLAB variable name: `[A-Za-z][A-Za-z0-9_]{0,62}`.
  ///
  /// - Parameter name: The candidate name.
  public static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 63,
      first.isASCII, first.properties.isAlphabetic
    else { return false }
    return name.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0))
    }
  }
}

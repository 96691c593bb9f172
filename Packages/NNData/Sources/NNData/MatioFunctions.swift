import CMatio
@_spi(Internals) import NNCore

/// libmatio's entry points, looked up in the shared library when a MAT file is first read or written.
///
/// libmatio brings HDF5 and, through it, some thirty more shared libraries (curl, TLS, Kerberos, LDAP…).
/// Linked with every program, they were loaded at every start of `nn`, MAT file or not: about 4 ms of a 10 ms
/// start on a warm machine, and most of the loader's reads from disk when the page cache had dropped them (after
/// a PyTorch process, for example). Loaded on first use, they cost only the commands that read or write MAT
/// files. The types (`matvar_t`, the enums) still come from libmatio's header. (Sendable: the value holds only
/// addresses of functions in a library that stays loaded; libmatio itself is called on one thread per file.)
struct MatioFunctions: @unchecked Sendable {
  /// `Mat_Open(path, mode)`.
  let open: @convention(c) (UnsafePointer<CChar>?, Int32) -> OpaquePointer?
  /// `Mat_Close(file)`: 0 on success.
  let close: @convention(c) (OpaquePointer?) -> Int32
  /// `Mat_CreateVer(path, header, version)`.
  let create: @convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?, mat_ft) -> OpaquePointer?
  /// `Mat_GetVersion(file)`.
  let version: @convention(c) (OpaquePointer?) -> mat_ft
  /// `Mat_VarCreate(name, class, type, rank, dimensions, data, options)`.
  let createVariable:
    @convention(c) (
      UnsafePointer<CChar>?, matio_classes, matio_types, Int32, UnsafeMutablePointer<Int>?, UnsafeMutableRawPointer?,
      Int32
    ) -> UnsafeMutablePointer<matvar_t>?
  /// `Mat_VarFree(variable)`.
  let freeVariable: @convention(c) (UnsafeMutablePointer<matvar_t>?) -> Void
  /// `Mat_VarRead(file, name)`: the variable with its data.
  let readVariable: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> UnsafeMutablePointer<matvar_t>?
  /// `Mat_VarReadNextInfo(file)`: the next variable's header, or `nil` at the end.
  let readNextInfo: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<matvar_t>?
  /// `Mat_VarWrite(file, variable, compression)`: 0 on success.
  let writeVariable: @convention(c) (OpaquePointer?, UnsafeMutablePointer<matvar_t>?, matio_compression) -> Int32
  /// `Mat_LogInitFunc(program, function)`.
  let initializeLog: nn_matio_log_init
  /// HDF5's `H5Eset_auto2(stack, function, data)`, when libmatio reads v7.3 files through HDF5: the function
  /// HDF5 calls with its error stack (instead of printing it). HDF5 keeps that setting per thread.
  let setHDF5ErrorFunction:
    (
      @convention(c) (
        Int64, (@convention(c) (Int64, UnsafeMutableRawPointer?) -> Int32)?, UnsafeMutableRawPointer?
      ) -> Int32
    )?

  /// The names tried in turn: the run-time library's, then the development link's.
  static let libraryNames = ["libmatio.so.11", "libmatio.so"]

  /// Loads libmatio and looks up its entry points.
  ///
  /// - Parameter names: The library names to try, in turn.
  /// - Returns: The entry points, or ``DataError/unavailableLibrary(name:reason:)`` when the library or one of
  ///   its functions cannot be found.
  static func load(from names: [String] = libraryNames) -> Result<MatioFunctions, DataError> {
    let library: SharedLibrary
    switch SharedLibrary.open(firstOf: names) {
    case .success(let opened): library = opened
    case .failure(let error): return .failure(.unavailableLibrary(name: "libmatio", reason: error.reason))
    }
    func function<Function>(_ name: String, as type: Function.Type) throws(DataError) -> Function {
      guard let function = library.function(name, as: type) else {
        throw .unavailableLibrary(name: "libmatio", reason: "it has no function \(name)")
      }
      return function
    }
    do {
      return .success(
        MatioFunctions(
          open: try function("Mat_Open", as: (@convention(c) (UnsafePointer<CChar>?, Int32) -> OpaquePointer?).self),
          close: try function("Mat_Close", as: (@convention(c) (OpaquePointer?) -> Int32).self),
          create: try function(
            "Mat_CreateVer",
            as: (@convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?, mat_ft) -> OpaquePointer?).self),
          version: try function("Mat_GetVersion", as: (@convention(c) (OpaquePointer?) -> mat_ft).self),
          createVariable: try function(
            "Mat_VarCreate",
            as: (@convention(c) (
              UnsafePointer<CChar>?, matio_classes, matio_types, Int32, UnsafeMutablePointer<Int>?,
              UnsafeMutableRawPointer?, Int32
            ) -> UnsafeMutablePointer<matvar_t>?).self),
          freeVariable: try function(
            "Mat_VarFree", as: (@convention(c) (UnsafeMutablePointer<matvar_t>?) -> Void).self),
          readVariable: try function(
            "Mat_VarRead",
            as: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> UnsafeMutablePointer<matvar_t>?).self),
          readNextInfo: try function(
            "Mat_VarReadNextInfo", as: (@convention(c) (OpaquePointer?) -> UnsafeMutablePointer<matvar_t>?).self),
          writeVariable: try function(
            "Mat_VarWrite",
            as: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<matvar_t>?, matio_compression) -> Int32).self),
          initializeLog: try function("Mat_LogInitFunc", as: nn_matio_log_init.self),
          setHDF5ErrorFunction: library.function(
            "H5Eset_auto2",
            as: (@convention(c) (
              Int64, (@convention(c) (Int64, UnsafeMutableRawPointer?) -> Int32)?, UnsafeMutableRawPointer?
            ) -> Int32).self)))
    } catch {
      return .failure(error)
    }
  }
}

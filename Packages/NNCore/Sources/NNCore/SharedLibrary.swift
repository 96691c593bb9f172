import Glibc

/// A shared library opened while the program runs (`dlopen`), for native dependencies loaded on first use rather
/// than linked: OpenBLAS (``BLAS``) and libmatio. The library stays loaded for the rest of the process.
@_spi(Internals) public struct SharedLibrary: @unchecked Sendable {
  /// The loader's handle.
  private let handle: UnsafeMutableRawPointer

  /// Opens the first of `names` that the dynamic loader finds, with its symbols bound at once and kept local.
  ///
  /// - Parameter names: File names to try, in turn (`libopenblas.so.0`, then `libopenblas.so`, …).
  /// - Returns: The library, or the loader's message for the last name tried.
  public static func open(firstOf names: [String]) -> Result<SharedLibrary, SharedLibraryError> {
    var reason = "no file names given"
    for name in names {
      if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) { return .success(SharedLibrary(handle: handle)) }
      reason = dlerror().map { String(cString: $0) } ?? "\(name) not found"
    }
    return .failure(SharedLibraryError(reason: reason))
  }

  /// The function `name`, as a C function of type `type`, or `nil` when the library has no such symbol.
  ///
  /// - Parameters:
  ///   - name: The symbol.
  ///   - type: The function's type, an `@convention(c)` function type matching its C declaration.
  public func function<Function>(_ name: String, as type: Function.Type) -> Function? {
    dlsym(handle, name).map { unsafeBitCast($0, to: type) }
  }
}

/// A shared library could not be opened.
@_spi(Internals) public struct SharedLibraryError: Error, Equatable, Sendable {
  /// The dynamic loader's message (it names the file).
  public let reason: String
}

import CGSL
import Glibc
import Synchronization

/// The CBLAS library that matrix products run on: OpenBLAS, opened when the first product needs it.
///
/// OpenBLAS with libgfortran is some 35 MB of shared libraries. Linked with the program, the loader mapped,
/// relocated and initialised them at every start: 1.6 ms on a warm machine, and about 20 ms when the page cache
/// had dropped them (after a PyTorch process, for example). The small networks the fused kernel trains never
/// multiply through BLAS, so a run of one pays nothing for it; a run with products pays once, at the first.
///
/// When OpenBLAS cannot be opened, products run on GSL's own CBLAS (loaded with GSL; correct, about ten times
/// slower), and a warning on standard error says so once. (Sendable: the value holds only addresses of functions
/// in a library that stays loaded.)
@usableFromInline struct BLASLibrary: @unchecked Sendable {
  /// The library's name: `OpenBLAS` or `GSL CBLAS`.
  let name: String
  /// `cblas_dgemm`: `c = alpha · op(a) · op(b) + beta · c`.
  @usableFromInline let multiply: nn_cblas_dgemm
  /// `openblas_set_num_threads(count)`, when the library has threads.
  let setThreadCount: (@convention(c) (Int32) -> Void)?
  /// `openblas_get_num_threads()`, when the library has threads.
  let threadCount: (@convention(c) () -> Int32)?
  /// `openblas_get_config()`: the build's description, when the library has one.
  let configuration: (@convention(c) () -> UnsafeMutablePointer<CChar>?)?
  /// Why OpenBLAS could not be opened, when this is the fallback.
  let problem: String?

  /// The file names tried for OpenBLAS, in turn: the run-time library's, then the development link's.
  static let openBLASFiles = ["libopenblas.so.0", "libopenblas.so"]
  /// The file names tried for GSL's CBLAS, which GSL itself loads.
  static let fallbackFiles = ["libgslcblas.so.0", "libgslcblas.so"]

  /// Opens OpenBLAS, or GSL's CBLAS when OpenBLAS cannot be opened, and looks up their functions.
  ///
  /// - Parameters:
  ///   - openBLAS: The file names to try for OpenBLAS.
  ///   - fallback: The file names to try for GSL's CBLAS.
  /// - Returns: The library, or a message naming both problems when neither can be opened.
  static func load(
    openBLAS: [String] = openBLASFiles, fallback: [String] = fallbackFiles
  ) -> Result<BLASLibrary, BLASLoadingError> {
    let openBLAS = open(openBLAS)
    var openBLASProblem = openBLAS.problem
    if let handle = openBLAS.handle {
      if let multiply = dlsym(handle, "cblas_dgemm") {
        return .success(
          BLASLibrary(
            name: "OpenBLAS", multiply: unsafeBitCast(multiply, to: nn_cblas_dgemm.self),
            setThreadCount: dlsym(handle, "openblas_set_num_threads").map {
              unsafeBitCast($0, to: (@convention(c) (Int32) -> Void).self)
            },
            threadCount: dlsym(handle, "openblas_get_num_threads").map {
              unsafeBitCast($0, to: (@convention(c) () -> Int32).self)
            },
            configuration: dlsym(handle, "openblas_get_config").map {
              unsafeBitCast($0, to: (@convention(c) () -> UnsafeMutablePointer<CChar>?).self)
            },
            problem: nil))
      }
      openBLASProblem = "it has no function cblas_dgemm"
    }
    let gsl = open(fallback)
    guard let handle = gsl.handle else {
      return .failure(BLASLoadingError(openBLAS: openBLASProblem, fallback: gsl.problem))
    }
    guard let multiply = dlsym(handle, "cblas_dgemm") else {
      return .failure(BLASLoadingError(openBLAS: openBLASProblem, fallback: "it has no function cblas_dgemm"))
    }
    return .success(
      BLASLibrary(
        name: "GSL CBLAS", multiply: unsafeBitCast(multiply, to: nn_cblas_dgemm.self), setThreadCount: nil,
        threadCount: nil, configuration: nil, problem: openBLASProblem))
  }

  /// The first of `files` that opens, or the loader's message for the last.
  private static func open(_ files: [String]) -> (handle: UnsafeMutableRawPointer?, problem: String) {
    var problem = "no file names given"
    for file in files {
      if let handle = dlopen(file, RTLD_NOW | RTLD_LOCAL) { return (handle, "") }
      problem = dlerror().map { String(cString: $0) } ?? "\(file) not found"
    }
    return (nil, problem)
  }

  /// The library of this process, opened at first use. A thread count set before is applied then, and a
  /// fallback to GSL's CBLAS is reported on standard error.
  @usableFromInline static let shared: BLASLibrary = {
    let library: BLASLibrary
    switch load() {
    case .success(let loaded): library = loaded
    case .failure(let error):
      // Unreachable while GSL is linked (it loads its CBLAS), so a broken installation rather than bad input.
      preconditionFailure("\(error)")
    }
    threadSetting.withLock { setting in
      setting.setter = library.setThreadCount
      if let count = setting.requested { library.setThreadCount?(Int32(count)) }
    }
    if let problem = library.problem {
      let warning =
        "warning: OpenBLAS could not be opened (\(problem)); matrix products run on GSL's CBLAS, about ten times "
        + "slower (install the libopenblas0 package)\n"
      _ = warning.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }
    return library
  }()

  /// A thread count asked for before the library was opened, and the library's setter once it is open.
  ///
  /// OpenBLAS's thread count belongs to the process (the library has one); ``BLAS/setThreadCount(_:)`` writes
  /// it here until the library is open, so that setting it does not open the library.
  static let threadSetting = Mutex(ThreadSetting())

  /// See ``threadSetting``.
  struct ThreadSetting: @unchecked Sendable {
    /// The count last asked for.
    var requested: Int?
    /// `openblas_set_num_threads` once the library is open.
    var setter: (@convention(c) (Int32) -> Void)?
  }
}

/// Neither OpenBLAS nor GSL's CBLAS could be opened.
struct BLASLoadingError: Error, Equatable, CustomStringConvertible {
  /// Why OpenBLAS could not be opened.
  let openBLAS: String
  /// Why GSL's CBLAS could not be opened.
  let fallback: String

  var description: String {
    "no CBLAS library could be opened: OpenBLAS (\(openBLAS)), GSL's CBLAS (\(fallback))"
  }
}

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
  /// `cblas_sgemm`, the single-precision product.
  @usableFromInline let multiplySingle: nn_cblas_sgemm
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
    let openBLASProblem: String
    switch SharedLibrary.open(firstOf: openBLAS) {
    case .success(let library):
      if let multiply = library.function("cblas_dgemm", as: nn_cblas_dgemm.self),
        let multiplySingle = library.function("cblas_sgemm", as: nn_cblas_sgemm.self)
      {
        return .success(
          BLASLibrary(
            name: "OpenBLAS", multiply: multiply, multiplySingle: multiplySingle,
            setThreadCount: library.function(
              "openblas_set_num_threads", as: (@convention(c) (Int32) -> Void).self),
            threadCount: library.function("openblas_get_num_threads", as: (@convention(c) () -> Int32).self),
            configuration: library.function(
              "openblas_get_config", as: (@convention(c) () -> UnsafeMutablePointer<CChar>?).self),
            problem: nil))
      }
      openBLASProblem = "it lacks cblas_dgemm or cblas_sgemm"
    case .failure(let error):
      openBLASProblem = error.reason
    }
    switch SharedLibrary.open(firstOf: fallback) {
    case .success(let library):
      guard let multiply = library.function("cblas_dgemm", as: nn_cblas_dgemm.self),
        let multiplySingle = library.function("cblas_sgemm", as: nn_cblas_sgemm.self)
      else {
        return .failure(BLASLoadingError(openBLAS: openBLASProblem, fallback: "it lacks cblas_dgemm or cblas_sgemm"))
      }
      return .success(
        BLASLibrary(
          name: "GSL CBLAS", multiply: multiply, multiplySingle: multiplySingle, setThreadCount: nil, threadCount: nil,
          configuration: nil,
          problem: openBLASProblem))
    case .failure(let error):
      return .failure(BLASLoadingError(openBLAS: openBLASProblem, fallback: error.reason))
    }
  }

  /// The library of this process, opened at first use, with OpenBLAS's pool of threads sized to one
  /// (``loadingWithPoolOfOne(value:setValue:_:)``): large products are shared between threads by ``ProductTeam``,
  /// one single-threaded call a block. A fallback to GSL's CBLAS is reported on standard error.
  @usableFromInline static let shared: BLASLibrary = {
    let loaded = loadingWithPoolOfOne(
      value: { getenv($0).map { String(cString: $0) } },
      setValue: { name, value in
        if let value { setenv(name, value, 1) } else { unsetenv(name) }
      },
      { load() })
    let library: BLASLibrary
    switch loaded {
    case .success(let opened): library = opened
    case .failure(let error):
      // Unreachable while GSL is linked (it loads its CBLAS), so a broken installation rather than bad input.
      preconditionFailure("\(error)")
    }
    library.setThreadCount?(1)
    if let problem = library.problem {
      let warning =
        "warning: OpenBLAS could not be opened (\(problem)); matrix products run on GSL's CBLAS, about ten times "
        + "slower (install the libopenblas0 package)\n"
      _ = warning.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }
    return library
  }()

  /// The environment variable OpenBLAS reads first, when it loads, for the size of the pool of threads it starts
  /// (then `GOTO_NUM_THREADS` and `OMP_NUM_THREADS`; without any, one thread per core).
  static let poolSizeVariable = "OPENBLAS_NUM_THREADS"

  /// Runs `load` with ``poolSizeVariable`` set to 1, and then gives the variable back its earlier value (or unsets
  /// it), so that the environment is as it was for the rest of the process and for the processes it starts.
  ///
  /// OpenBLAS starts its pool when it loads; `openblas_set_num_threads` then changes how many threads a product
  /// uses, not how many exist, and a thread left idle from the start spins in `sched_yield` for a while before it
  /// sleeps. nn never gives OpenBLAS more than one thread (``ProductTeam`` shares products), so the pool is sized to
  /// one, whatever the environment asks of other programs: none starts beside the caller's. Sized to one, `wide`
  /// (784-512-512-10, one thread) went from 50.7 to 51.8 GEMM GFLOP/s (medians of 5 interleaved runs), and its idle
  /// thread had taken 90 ms of processor time; on two threads with `OPENBLAS_NUM_THREADS=2`, the idle thread also
  /// kept ``ProductTeam`` from sharing while it spun (the team counts it as another process's).
  ///
  /// - Parameters:
  ///   - value: The value of an environment variable, or `nil` when it is not set.
  ///   - setValue: Sets an environment variable to a value, or unsets it for `nil`.
  ///   - load: Opens the library.
  /// - Returns: What `load` returned.
  static func loadingWithPoolOfOne<Loaded>(
    value: (String) -> String?, setValue: (String, String?) -> Void, _ load: () -> Loaded
  ) -> Loaded {
    let earlier = value(poolSizeVariable)
    setValue(poolSizeVariable, "1")
    defer { setValue(poolSizeVariable, earlier) }
    return load()
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

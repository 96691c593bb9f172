/// Settings of the BLAS library that matrix products run on: OpenBLAS, opened at the first product (see
/// ``Matrix/multiply(_:transposeA:_:transposeB:alpha:beta:into:)``).
public enum BLAS {
  /// The number of threads that share the large passes of a step (see ``setThreadCount(_:)``): the count set, or
  /// until one is set ``processorCount``.
  public static var threadCount: Int { ProductTeam.threads }

  /// The processors this process may run on (its affinity mask on Linux): the thread count unless one is set.
  public static var processorCount: Int { ProductTeam.processorCount }

  /// Sets the number of threads that share the large passes of a step: the caller and `count − 1` helpers, started
  /// at the first such pass and kept for the process. Until it is set, the count is ``processorCount``.
  ///
  /// Only large passes are shared, so small networks run as on one thread whatever the count:
  /// - a product of at least 2²⁰ multiply-adds is cut into equal blocks of at most 256 rows (or columns) of the
  ///   result, one single-threaded BLAS call each, which the threads claim one at a time;
  /// - an elementwise pass (activations, optimizer updates, bias rows, column sums, batch gathers) of at least
  ///   65,536 elements is cut into ranges of 32,768 (``ElementwisePass``); an optimizer update only from 4 MiB of
  ///   parameters, gradients and slots;
  /// - the fused kernel of a small network cuts a batch in two when each half has at least 2²⁰ multiply-adds (rows
  ///   times parameters).
  ///
  /// The cuts depend only on the shapes, so results are the same for every count above one, whichever thread ran
  /// which part, and differ from one thread's (which computes each pass whole, as earlier versions did) only in the
  /// last bits of the passes that are cut. While other processes leave no processor free for a helper, the passes
  /// run on the caller alone with the same results: the same cuts, or a product in one call where the library gives
  /// its shape the same bits as its blocks (checked once per shape, the first time it runs alone). Setting the count
  /// does not open the library.
  ///
  /// - Parameter count: At least 1 (smaller counts are raised to 1).
  public static func setThreadCount(_ count: Int) {
    ProductTeam.requestedThreads.store(max(1, count), ordering: .relaxed)
  }

  /// The library's name: `OpenBLAS`, or `GSL CBLAS` when OpenBLAS could not be opened. Opens the library.
  public static var libraryName: String { BLASLibrary.shared.name }

  /// The library's description of its build (OpenBLAS's version, kernel and threading), for reports. Opens the
  /// library.
  public static var configuration: String {
    let library = BLASLibrary.shared
    if let problem = library.problem { return "\(library.name) (OpenBLAS could not be opened: \(problem))" }
    guard let text = library.configuration?() else { return library.name }
    return String(cString: text)
  }
}

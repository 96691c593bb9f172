/// Settings of the BLAS library that matrix products run on: OpenBLAS, opened at the first product (see
/// ``Matrix/multiply(_:transposeA:_:transposeB:alpha:beta:into:)``).
public enum BLAS {
  /// The number of threads that share a large matrix product (see ``setThreadCount(_:)``); 1 unless set.
  public static var threadCount: Int { ProductTeam.requestedThreads.load(ordering: .relaxed) }

  /// Sets the number of threads that share a large matrix product: the caller and `count − 1` helpers, started
  /// at the first such product and kept for the process.
  ///
  /// A product of at least 2²¹ multiply-adds is cut into blocks of 64 rows (or columns) of the result, one
  /// single-threaded BLAS call each, which the threads claim one at a time; smaller products, and every product
  /// with one thread, are one call, as before. The blocks depend only on the shapes, so results are the same for
  /// every count above one, whichever thread ran which block (and differ from one thread's only in the last bits
  /// of large products); a helper that another process keeps off its core claims fewer blocks instead of holding
  /// the product up. Setting the count does not open the library.
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

/// Settings of the BLAS library that matrix products run on: OpenBLAS, opened at the first product (see
/// ``Matrix/multiply(_:transposeA:_:transposeB:alpha:beta:into:)``).
public enum BLAS {
  /// The number of threads OpenBLAS uses for one product (1 on GSL's CBLAS, which has none). Opens the library.
  ///
  /// Small products (the seeds' networks) run fastest on one thread: idle OpenBLAS threads spin and steal
  /// time. Wide layers (hundreds of units, large batches) gain from more.
  public static var threadCount: Int {
    let library = BLASLibrary.shared
    return library.threadCount.map { Int($0()) } ?? 1
  }

  /// Sets the number of threads OpenBLAS uses for one product, without opening the library: a count set
  /// before the first product is applied when it opens.
  ///
  /// - Parameter count: At least 1 (smaller counts are raised to 1).
  public static func setThreadCount(_ count: Int) {
    let count = max(1, min(count, Int(Int32.max)))
    BLASLibrary.threadSetting.withLock { setting in
      setting.requested = count
      setting.setter?(Int32(count))
    }
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

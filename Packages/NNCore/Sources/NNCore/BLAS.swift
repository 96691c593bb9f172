import CGSL

/// Settings of the BLAS library (OpenBLAS) that matrix products run on.
public enum BLAS {
  /// The number of threads OpenBLAS uses for one product.
  ///
  /// Small products (the seeds' networks) run fastest on one thread: idle OpenBLAS threads spin and steal
  /// time. Wide layers (hundreds of units, large batches) gain from more.
  public static var threadCount: Int { Int(openblas_get_num_threads()) }

  /// Sets the number of threads OpenBLAS uses for one product.
  ///
  /// - Parameter count: At least 1.
  public static func setThreadCount(_ count: Int) {
    openblas_set_num_threads(Int32(max(1, min(count, Int(Int32.max)))))
  }

  /// OpenBLAS's description of its build (version, kernel, threading), for reports.
  public static var configuration: String {
    guard let text = openblas_get_config() else { return "unknown" }
    return String(cString: text)
  }
}

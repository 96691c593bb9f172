import NNCore

/// What a workload is run with; the defaults are the reference scripts' defaults.
public struct WorkloadOptions: Sendable {
  /// The random seed (the reference scripts' `--seed`, 0 by default).
  public var seed: UInt64 = 0
  /// Threads that share large matrix products and elementwise passes (`BLAS.setThreadCount`).
  public var threads: Int = 1
  /// Training iterations (iris), or 0 for the workload's default.
  public var iterations: Int = 0
  /// Epochs (digits, wide), or 0 for the workload's default.
  public var epochs: Int = 0
  /// Independent problems trained back to back (sphere), or 0 for the default.
  public var problems: Int = 0
  /// Timed repetitions of each product (gemm), or 0 for the default.
  public var repetitions: Int = 0
  /// The batch size (digits), or 0 for the workload's default.
  public var batchSize: Int = 0
  /// The element type the network computes in (`--dtype`).
  public var elementType: ElementType = .float64

  /// The reference scripts' defaults.
  public init() {}

  /// `value` when it is positive, else `fallback`.
  public func positive(_ value: Int, or fallback: Int) -> Int { value > 0 ? value : fallback }
}

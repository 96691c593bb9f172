import Dispatch

/// The wall-clock durations of a run's full-batch training steps and their percentiles: figures that a machine's
/// short interruptions (a virtual processor its host takes away for a while, a two-thread run's steps that a busy
/// machine sends to one thread) move less than the run's total time does.
public struct StepTimes {
  /// The recorded durations in seconds, in step order.
  public private(set) var seconds: [Double] = []

  /// No durations yet.
  public init() {}

  /// Makes room for `count` more durations, so that recording them allocates nothing.
  ///
  /// - Parameter count: The steps to come.
  public mutating func reserve(_ count: Int) {
    seconds.reserveCapacity(seconds.count + count)
  }

  /// The monotonic clock in nanoseconds, for ``record(since:)``.
  @inline(__always)
  public static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

  /// Records the duration from `start` (a reading of ``now()``) to now.
  ///
  /// - Parameter start: When the step started.
  @inline(__always)
  public mutating func record(since start: UInt64) {
    seconds.append(Double(Self.now() - start) / 1e9)
  }

  /// The durations at `fractions` (each 0 to 1) of the sorted durations, nearest rank, in microseconds; empty when
  /// none were recorded. The durations are sorted once for all the fractions.
  ///
  /// - Parameter fractions: 0.5 for the median, 0.1 for the tenth percentile, ….
  public func microseconds(atFractions fractions: [Double]) -> [Double] {
    guard !seconds.isEmpty else { return [] }
    let sorted = seconds.sorted()
    return fractions.map { fraction in
      let rank = Int((fraction * Double(sorted.count - 1)).rounded())
      return sorted[min(max(rank, 0), sorted.count - 1)] * 1e6
    }
  }

  /// Adds `step_us_p10`, `step_us_median` and `step_us_p90` (microseconds; `null` when no step was recorded) and
  /// `full_steps` to `line`.
  ///
  /// - Parameter line: The result line.
  public func add(to line: inout JSONLine) {
    let keys = ["step_us_p10", "step_us_median", "step_us_p90"]
    let values = microseconds(atFractions: [0.1, 0.5, 0.9])
    for (index, key) in keys.enumerated() {
      line[key] = values.isEmpty ? .null : .number(values[index])
    }
    line["full_steps"] = .integer(seconds.count)
  }
}

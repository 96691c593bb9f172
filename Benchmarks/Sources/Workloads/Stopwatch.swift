import Foundation

/// Wall-clock and process-CPU seconds of a timed region, like the reference scripts' `perf_counter` and
/// `process_time`.
public struct Stopwatch {
  private let wallStart: UInt64
  private let cpuStart: Double

  /// Starts timing now.
  public init() {
    wallStart = DispatchTime.now().uptimeNanoseconds
    cpuStart = Stopwatch.processSeconds()
  }

  /// Wall-clock seconds since the start.
  public var wallSeconds: Double { Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9 }

  /// CPU seconds this process used since the start (all threads).
  public var cpuSeconds: Double { Stopwatch.processSeconds() - cpuStart }

  /// The CPU time this process has used, in seconds.
  private static func processSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}

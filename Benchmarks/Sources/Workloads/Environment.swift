import Foundation
import NNLayers

/// What the reference scripts' `emit` adds to every line: the machine's load and the OpenBLAS settings.
public enum RunEnvironment {
  /// The one-minute load average now.
  public static var loadAverage: Double {
    var loads = [Double](repeating: 0, count: 3)
    return getloadavg(&loads, 3) > 0 ? loads[0] : .nan
  }

  /// Adds `wall_s`, `loadavg1` and `openblas_env` (and `rep` from `BENCH_REP`) to `line`, and
  /// `core_round_trip_ns` (``CoreRoundTrip``, before the run and now) when a round trip was measured before it.
  ///
  /// - Parameters:
  ///   - line: The result line.
  ///   - wallSeconds: The process's time so far.
  ///   - loadAtStart: The one-minute load average when the process started.
  ///   - roundTripAtStart: The round trip between two threads' cores before the run, in nanoseconds; `nil` when
  ///     none was measured (one-thread runs).
  public static func complete(
    _ line: inout JSONLine, wallSeconds: Double, loadAtStart: Double, roundTripAtStart: Double? = nil
  ) {
    line["wall_s"] = .number(wallSeconds)
    line["loadavg1"] = .array([.number(loadAtStart), .number(loadAverage)])
    if let roundTripAtStart, let roundTrip = CoreRoundTrip.nanoseconds() {
      line["core_round_trip_ns"] = .array([.number(roundTripAtStart), .number(roundTrip)])
    }
    let environment = ProcessInfo.processInfo.environment
    var flags = JSONLine()
    for name in ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"] {
      flags[name] = environment[name].map { .string($0) } ?? .null
    }
    line["openblas_env"] = .object(flags)
    if let repetition = environment["BENCH_REP"] { line["rep"] = .string(repetition) }
  }

  /// The `kernels` field of a workload's line: the instruction set of `trainer`'s fused kernel
  /// (``Trainer/kernelInstructionSet``, such as `"x86-64-v3"`), or `null` when the network trains layer by layer
  /// (`nn train --json` then leaves its `kernels` out).
  ///
  /// - Parameter trainer: The workload's trainer.
  public static func kernels(of trainer: Trainer) -> JSONValue {
    trainer.kernelInstructionSet.map { .string($0) } ?? .null
  }
}

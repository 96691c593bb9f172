import Foundation
import NNLayers

/// What the reference scripts' `emit` adds to every line: the machine's load and the OpenBLAS settings.
public enum RunEnvironment {
  /// The one-minute load average now.
  public static var loadAverage: Double {
    var loads = [Double](repeating: 0, count: 3)
    return getloadavg(&loads, 3) > 0 ? loads[0] : .nan
  }

  /// Adds `wall_s`, `loadavg1` and `openblas_env` (and `rep` from `BENCH_REP`) to `line`.
  public static func complete(_ line: inout JSONLine, wallSeconds: Double, loadAtStart: Double) {
    line["wall_s"] = .number(wallSeconds)
    line["loadavg1"] = .array([.number(loadAtStart), .number(loadAverage)])
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

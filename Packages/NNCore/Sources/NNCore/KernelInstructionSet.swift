import Foundation

/// The instruction sets the hot loops are built for, and the one this process uses.
///
/// One binary carries the loops (the fused training kernel, batch gathering, random draws) compiled for each
/// instruction set of its architecture and picks, once per process, the best one the CPU runs: on x86-64,
/// `x86-64-v4` (AVX-512), `x86-64-v3` (AVX2 and FMA) or `x86-64` (SSE2, every x86-64 CPU). No compiler flag is needed for speed: a plain `swift build -c release` gets the same
/// loops as a build for the machine's own CPU. `x86-64-v4` and `x86-64-v3` give the same results to the last bit;
/// `x86-64`, which has no fused multiply-add, rounds each product before adding it (gradients within about `1e-13`
/// relative; training with plain gradient descent stays within `1e-9`, while an adaptive optimizer such as Adam can
/// magnify that rounding, as it magnifies any).
///
/// The environment variable `NN_KERNELS`, read when the loops are first used, names an instruction set to use
/// instead (`auto`, or empty, for the best): for comparing them on one machine.
///
/// ```swift
/// try KernelInstructionSet.checkEnvironment()   // refuses NN_KERNELS=avx9
/// print(KernelInstructionSet.selected)          // "x86-64-v4" on a CPU with AVX-512
/// print(trainer.kernelInstructionSet ?? "layer by layer")
/// ```
public enum KernelInstructionSet {
  /// The instruction set this process uses: the one `NN_KERNELS` names, when this CPU runs it, else the best.
  public static var selected: String { KernelTable.selected.name }

  /// Every instruction set this CPU runs, best first, such as `["x86-64-v4", "x86-64-v3", "x86-64"]`.
  public static var runnable: [String] { KernelTable.runnable.map(\.name) }

  /// What an instruction set uses, for people: `"AVX-512"` for `x86-64-v4`, `"AVX2 and FMA"`, `"SSE2"`; `nil` for a
  /// name this CPU does not run.
  ///
  /// - Parameter name: An instruction set's name.
  public static func description(of name: String) -> String? {
    KernelTable.runnable.first { $0.name == name }?.description
  }

  /// Checks that `NN_KERNELS`, when set, names an instruction set this CPU runs (a trainer would otherwise
  /// quietly use the best one).
  ///
  /// - Parameter environment: The environment to read (the process's by default).
  /// - Throws: ``KernelSelectionError`` naming the value and the accepted ones.
  public static func checkEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    guard let request = environment[KernelTable.environmentVariable],
      let problem = KernelTable.problem(withRequest: request)
    else { return }
    throw KernelSelectionError(message: problem)
  }
}

/// `NN_KERNELS` names an instruction set this binary does not have, or one this CPU cannot run.
public struct KernelSelectionError: Error, CustomStringConvertible, Equatable {
  /// `NN_KERNELS=avx9 names no kernels this machine can use: expected auto or one of x86-64-v4, x86-64-v3, x86-64`.
  public let message: String

  /// The message.
  public var description: String { message }
}

import CNNKernels
import Foundation

/// The hot loops for one instruction set, compiled in C once per instruction set and chosen for the CPU: the fused
/// training kernel's (dense products, the built-in activations' passes, parameter and input gradients, the losses),
/// the step on one sample, the gathering of a batch into lanes and the random draws of batches.
///
/// On x86-64 the tables are `x86-64-v4` (AVX-512), `x86-64-v3` (AVX2 and FMA) and `x86-64` (SSE2, every x86-64
/// CPU). The first two round alike to the last bit; the baseline rounds each product before adding it (no fused
/// multiply-add): gradients within `1e-13` relative of the others; over a training run with plain gradient descent,
/// losses within the `1e-9` of the fidelity check (an adaptive optimizer such as Adam can magnify the difference, as it
/// magnifies any rounding). The environment variable `NN_KERNELS` names a table to use instead of the best (for
/// comparisons); an unknown name, or one this CPU cannot run, is ignored here and refused by the `nn` tool and
/// `TrainingSession` (``problem(withRequest:)``, ``KernelInstructionSet/checkEnvironment(_:)``).
///
/// Measured before the move to C (AMD EPYC, AVX-512; iris 4-12-6-3, batch 64): the Swift kernels built without
/// `-target-cpu` ran at 1.36 M samples/s against 56 M with it, every multiply-add a call into the C library.
@_spi(Internals) public struct KernelTable: @unchecked Sendable {
  /// The C table (static, never freed).
  public let table: UnsafePointer<NNKernelTable>
  /// The float32 table of the same instruction set (static, never freed): the same passes on floats, sixteen
  /// samples to a lane vector.
  public let floatTable: UnsafePointer<NNKernelFloatTable>

  /// A table, with the float32 table of the same name.
  ///
  /// - Parameter table: The C table.
  public init(table: UnsafePointer<NNKernelTable>) {
    self.table = table
    guard let floatTable = NNKernelsSelectFloat(table.pointee.name) else {
      preconditionFailure("no float32 kernels for \(String(cString: table.pointee.name))")
    }
    self.floatTable = floatTable
  }

  /// The environment variable naming a table.
  public static let environmentVariable = "NN_KERNELS"

  /// The table named by `NN_KERNELS` when this CPU runs it, else the best this CPU runs; read once per process.
  public static let selected: KernelTable = {
    let request = ProcessInfo.processInfo.environment[environmentVariable]
    if let request, let table = NNKernelsSelect(request) { return KernelTable(table: table) }
    return KernelTable(table: NNKernelsSelect(nil))
  }()

  /// Every table this CPU runs, best first.
  public static var runnable: [KernelTable] {
    String(cString: NNKernelsAvailable()).components(separatedBy: ", ").compactMap { name in
      NNKernelsSelect(name).map { KernelTable(table: $0) }
    }
  }

  /// Whether the tables (float64 and float32 alike) round every product before adding it (the x86-64 baseline),
  /// rather than fusing them.
  public var roundsProducts: Bool { table.pointee.fusesProducts == 0 }

  /// The table's name: `x86-64-v4`, `x86-64-v3`, `x86-64`, or the architecture's.
  public var name: String { String(cString: table.pointee.name) }

  /// What the table uses: `AVX-512`, `AVX2 and FMA`, `SSE2`, ...
  public var description: String { String(cString: table.pointee.description) }

  /// Why `request` names no table this CPU runs, or `nil` when it does (or is empty or `auto`).
  ///
  /// - Parameter request: The value of `NN_KERNELS`.
  public static func problem(withRequest request: String) -> String? {
    guard NNKernelsSelect(request) == nil else { return nil }
    let available = String(cString: NNKernelsAvailable())
    let known = available.components(separatedBy: ", ").contains(request)
    let reason = known ? "this CPU cannot run it" : "expected auto or one of \(available)"
    return "\(environmentVariable)=\(request) names no kernels this machine can use: \(reason)"
  }
}

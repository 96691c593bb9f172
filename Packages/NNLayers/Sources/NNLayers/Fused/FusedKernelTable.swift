import CNNKernels
import Foundation

/// The inner loops of the fused kernel for one instruction set: dense products, the built-in activations'
/// passes, parameter and input gradients, and the losses, compiled in C once per instruction set and chosen when
/// a kernel is made, from what the CPU has.
///
/// On x86-64 the tables are `x86-64-v4` (AVX-512), `x86-64-v3` (AVX2 and FMA) and `x86-64` (SSE2, every x86-64
/// CPU). The first two round alike to the last bit; the baseline rounds each product before adding it (no fused
/// multiply-add), within `1e-12` relative of the others over a training run. The environment variable
/// `NN_KERNELS` names a table to use instead of the best (for comparisons); an unknown name, or one this CPU cannot
/// run, is ignored here and refused by the `nn` tool (``problem(withRequest:)``).
///
/// Measured before the move to C (AMD EPYC, AVX-512; iris 4-12-6-3, batch 64): the Swift kernels built without
/// `-target-cpu` ran at 1.36 M samples/s against 56 M with it, every multiply-add a call into the C library.
struct FusedKernelTable: @unchecked Sendable {
  /// The C table (static, never freed).
  let table: UnsafePointer<NNKernelTable>

  /// The environment variable naming a table.
  static let environmentVariable = "NN_KERNELS"

  /// The table named by `NN_KERNELS` when this CPU runs it, else the best this CPU runs.
  static var selected: FusedKernelTable {
    let request = ProcessInfo.processInfo.environment[environmentVariable]
    if let request, let table = NNKernelsSelect(request) { return FusedKernelTable(table: table) }
    return FusedKernelTable(table: NNKernelsSelect(nil))
  }

  /// Every table this CPU runs, best first.
  static var runnable: [FusedKernelTable] {
    String(cString: NNKernelsAvailable()).components(separatedBy: ", ").compactMap { name in
      NNKernelsSelect(name).map { FusedKernelTable(table: $0) }
    }
  }

  /// Whether the table rounds every product before adding it (the x86-64 baseline), rather than fusing them.
  var roundsProducts: Bool { name == "x86-64" }

  /// The table's name: `x86-64-v4`, `x86-64-v3`, `x86-64`, or the architecture's.
  var name: String { String(cString: table.pointee.name) }

  /// What the table uses: `AVX-512`, `AVX2 and FMA`, `SSE2`, ...
  var description: String { String(cString: table.pointee.description) }

  /// Why `request` names no table this CPU runs, or `nil` when it does (or is empty or `auto`).
  ///
  /// - Parameter request: The value of `NN_KERNELS`.
  static func problem(withRequest request: String) -> String? {
    guard NNKernelsSelect(request) == nil else { return nil }
    let available = String(cString: NNKernelsAvailable())
    let known = available.components(separatedBy: ", ").contains(request)
    let reason = known ? "this CPU cannot run it" : "expected auto or one of \(available)"
    return "\(environmentVariable)=\(request) names no kernels this machine can use: \(reason)"
  }
}

/// The code of an activation whose passes the C kernels compute, with its parameter.
struct FusedKernelActivation {
  /// The ``NNKernelActivation`` value.
  let code: Int32
  /// The slope of a leaky rectifier, the `β` of swish, or zero.
  let parameter: Double

  /// The code of `activation`, or `nil` when its passes run in Swift (a user's own, or a built-in one whose
  /// eight-lane form is the scalar function lane by lane).
  ///
  /// - Parameter activation: The activation.
  init?(_ activation: any ElementwiseActivation) {
    switch activation {
    case is Identity: (code, parameter) = (Int32(NNKernelActivationIdentity.rawValue), 0)
    case is Sigmoid: (code, parameter) = (Int32(NNKernelActivationSigmoid.rawValue), 0)
    case is Tanh: (code, parameter) = (Int32(NNKernelActivationTanh.rawValue), 0)
    case is ReLU: (code, parameter) = (Int32(NNKernelActivationRectifier.rawValue), 0)
    case let leaky as LeakyReLU:
      (code, parameter) = (Int32(NNKernelActivationLeakyRectifier.rawValue), leaky.negativeSlope)
    case let swish as Swish: (code, parameter) = (Int32(NNKernelActivationSwish.rawValue), swish.beta)
    default: return nil
    }
  }
}

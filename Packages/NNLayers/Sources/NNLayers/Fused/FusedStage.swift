import NNCore

/// The lane buffers one stage of the fused kernel reads and writes for a batch of `groups` groups of eight.
///
/// Every buffer is in lane layout (``LaneLayout``): `groups · width` lane vectors, group after group.
struct FusedStageBuffers {
  /// The stage's input `x` (the previous stage's output, or the batch), `groups × inputWidth`.
  var input: UnsafeMutablePointer<LaneVector>
  /// The activation's input `z` (for a dense stage `z = x·W + b`; for an activation stage `z = x`),
  /// `groups × outputWidth`.
  var preActivation: UnsafeMutablePointer<LaneVector>
  /// The stage's output `y = f(z)`, `groups × outputWidth`.
  var output: UnsafeMutablePointer<LaneVector>
  /// `∂L/∂y` on entry to the backward pass; the stage may overwrite it with `∂L/∂z`.
  var outputGradient: UnsafeMutablePointer<LaneVector>
  /// Receives `∂L/∂x`, `groups × inputWidth`; `nil` for the first stage, whose input gradient nobody needs.
  var inputGradient: UnsafeMutablePointer<LaneVector>?
  /// Work space for the backward pass, `groups × paddedWidth` lane vectors, where `paddedWidth` is the widest
  /// stage output rounded up to a multiple of eight (``FusedParameterGradient/paddedWidth(_:)``).
  var scratch: UnsafeMutablePointer<LaneVector>
  /// The number of groups of eight samples.
  var groups: Int
}

/// The work of one step of a network trained by the fused kernel, for a concrete activation type: a dense
/// layer with the elementwise activation that follows it (``FusedDenseStage``), or an elementwise activation
/// on its own (``FusedActivationStage``). Parameters, if any, are reached through pointers the stage holds.
protocol FusedStageKernel {
  /// The width of each input row.
  var inputWidth: Int { get }
  /// The width of each output row.
  var outputWidth: Int { get }
  /// Whether the stage's activation input `z` is its input `x` (no buffer of its own is needed).
  var preActivationIsInput: Bool { get }

  /// The forward pass over every group: fills ``FusedStageBuffers/preActivation`` and
  /// ``FusedStageBuffers/output`` from ``FusedStageBuffers/input``.
  ///
  /// - Parameter buffers: The stage's buffers.
  func forward(_ buffers: FusedStageBuffers)

  /// The backward pass over every group: from `∂L/∂y`, writes the parameter gradients (summed over the batch)
  /// and, when there is an input-gradient buffer, `∂L/∂x`.
  ///
  /// - Parameter buffers: The stage's buffers, as the forward pass left them, with `∂L/∂y` in `outputGradient`.
  func backward(_ buffers: FusedStageBuffers)
}

/// A stage with its activation type erased, as the kernel keeps it: a class whose ``forward(_:)`` and
/// ``backward(_:)`` are overridden by ``FusedStageBox``.
///
/// The kernel calls each stage once per pass through this class. A method of a generic class called
/// dynamically runs unspecialised code, so the built-in activations have non-generic subclasses
/// (``FusedBuiltinStages``) whose overrides are compiled for their concrete type.
class FusedStage {
  /// The width of each input row.
  let inputWidth: Int
  /// The width of each output row.
  let outputWidth: Int
  /// Whether the stage's activation input is its input.
  let preActivationIsInput: Bool

  /// A stage of the given shape.
  ///
  /// - Parameters:
  ///   - inputWidth: The width of each input row.
  ///   - outputWidth: The width of each output row.
  ///   - preActivationIsInput: Whether the activation input is the stage's input.
  init(inputWidth: Int, outputWidth: Int, preActivationIsInput: Bool) {
    self.inputWidth = inputWidth
    self.outputWidth = outputWidth
    self.preActivationIsInput = preActivationIsInput
  }

  /// ``FusedStageKernel/forward(_:)`` of the stage's kernel.
  func forward(_ buffers: FusedStageBuffers) { preconditionFailure("FusedStage.forward is abstract") }

  /// ``FusedStageKernel/backward(_:)`` of the stage's kernel.
  func backward(_ buffers: FusedStageBuffers) { preconditionFailure("FusedStage.backward is abstract") }
}

/// A stage holding a kernel of any type: generic, so its calls run unspecialised code unless a non-generic
/// subclass overrides them (see ``FusedBuiltinStages``). Used as is for users' own activations.
class FusedStageBox<Kernel: FusedStageKernel>: FusedStage {
  /// The stage's work.
  let kernel: Kernel

  /// Wraps `kernel`.
  ///
  /// - Parameter kernel: The stage's work.
  init(_ kernel: Kernel) {
    self.kernel = kernel
    super.init(
      inputWidth: kernel.inputWidth, outputWidth: kernel.outputWidth,
      preActivationIsInput: kernel.preActivationIsInput)
  }

  override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
  override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
}

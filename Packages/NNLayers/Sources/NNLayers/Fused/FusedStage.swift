import NNCore

/// The lane buffers one stage of the fused kernel reads and writes for a batch of `groups` groups of eight.
///
/// Every buffer is in lane layout (``LaneLayout``): `groups · width` lane vectors, group after group.
struct FusedStageBuffers {
  /// The stage's input `x` (the previous stage's output, or the batch), `groups × inputWidth`.
  var input: UnsafeMutablePointer<LaneVector>
  /// The activation's input `z` (for a dense stage `z = x·W + b`; for an activation stage `z = x`),
  /// `groups × outputWidth`; the same buffer as ``input`` or ``output`` when the stage keeps `z` there
  /// (``FusedPreActivationPlace``).
  var preActivation: UnsafeMutablePointer<LaneVector>
  /// The stage's output `y = f(z)`, `groups × outputWidth`.
  var output: UnsafeMutablePointer<LaneVector>
  /// `∂L/∂y` on entry to the backward pass; the stage may overwrite it with `∂L/∂z`.
  var outputGradient: UnsafeMutablePointer<LaneVector>
  /// Receives `∂L/∂x`, `groups × inputWidth`; `nil` for the first stage, whose input gradient nobody needs.
  var inputGradient: UnsafeMutablePointer<LaneVector>?
  /// Work space for the backward pass, `groups × w` lane vectors, `w` the largest
  /// ``FusedStageKernel/scratchWidth`` of the network's stages (none when it is zero).
  var scratch: UnsafeMutablePointer<LaneVector>
  /// The number of groups of eight samples.
  var groups: Int
}

/// Where a stage keeps its activation input `z` during a step.
enum FusedPreActivationPlace {
  /// `z` is the stage's input `x` (an activation on its own).
  case input
  /// `z` has a buffer of its own, read again by the backward pass (the activation's derivative needs it).
  case own
  /// `z` is written into the output buffer, then replaced by `y = f(z)` in place: the backward pass never reads
  /// `z` (the derivative is applied by the next stage or the loss, or the activation is the identity). Sparing
  /// the buffer, with the scratch space sized to the stages that use it, takes a step's lanes on iris (4-12-6-3,
  /// batch 64) from 44 KB to 25 KB, well inside the 48 KB first-level data cache: training went from 47.0 M to
  /// 48.8 M samples/s (one thread, medians of 11 interleaved runs).
  case output
}

/// The work of one step of a network trained by the fused kernel, for a concrete activation type: a dense
/// layer with the elementwise activation that follows it (``FusedDenseStage``), or an elementwise activation
/// on its own (``FusedActivationStage``). Parameters, if any, are reached through pointers the stage holds.
protocol FusedStageKernel {
  /// The width of each input row.
  var inputWidth: Int { get }
  /// The width of each output row.
  var outputWidth: Int { get }
  /// Where the stage keeps its activation input `z`.
  var preActivationPlace: FusedPreActivationPlace { get }
  /// The lane vectors of work space the backward pass needs per group (``FusedStageBuffers/scratch``).
  var scratchWidth: Int { get }
  /// The lane vectors a ``FusedGradientChain``'s carry buffer holds for the stage: its unfinished parameter-gradient
  /// sums (0 without parameters).
  var carryVectors: Int { get }

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

  /// The backward pass of part `part` (0 or 1) of a batch run by two threads: `δ` and `∂L/∂x` as ``backward(_:)``
  /// computes them. Part 0 also runs its parameter-gradient sums, before `∂L/∂x`, leaving them unfinished in `chain`;
  /// part 1 runs its sums after every stage's `∂L/∂x` (``parameterGradients(_:part:chain:)``), by when part 0 is
  /// mostly done with them.
  ///
  /// - Parameters:
  ///   - buffers: The part's buffers.
  ///   - part: 0 or 1.
  ///   - chain: Where the parts' sums meet.
  func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain)

  /// The parameter gradients of part `part` (0 or 1) of a batch run by two threads, from the `δ` that
  /// ``backward(_:part:chain:)`` left: part 0 leaves each sum unfinished in `chain`, part 1 carries it on over its
  /// samples (``FusedGradientChain``), so that each sum is the one ``backward(_:)`` takes over the whole batch, to the
  /// bit.
  ///
  /// - Parameters:
  ///   - buffers: The part's buffers.
  ///   - part: 0 or 1.
  ///   - chain: Where the parts meet.
  func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain)
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
  /// Where the stage keeps its activation input.
  let preActivationPlace: FusedPreActivationPlace
  /// The work space its backward pass needs per group, in lane vectors.
  let scratchWidth: Int

  /// A stage of the given shape.
  ///
  /// - Parameters:
  ///   - inputWidth: The width of each input row.
  ///   - outputWidth: The width of each output row.
  ///   - preActivationPlace: Where the stage keeps its activation input.
  ///   - scratchWidth: The work space its backward pass needs per group.
  init(inputWidth: Int, outputWidth: Int, preActivationPlace: FusedPreActivationPlace, scratchWidth: Int) {
    self.inputWidth = inputWidth
    self.outputWidth = outputWidth
    self.preActivationPlace = preActivationPlace
    self.scratchWidth = scratchWidth
  }

  /// ``FusedStageKernel/forward(_:)`` of the stage's kernel.
  func forward(_ buffers: FusedStageBuffers) { preconditionFailure("FusedStage.forward is abstract") }

  /// ``FusedStageKernel/backward(_:)`` of the stage's kernel.
  func backward(_ buffers: FusedStageBuffers) { preconditionFailure("FusedStage.backward is abstract") }

  /// ``FusedStageKernel/backward(_:part:chain:)`` of the stage's kernel.
  func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
    preconditionFailure("FusedStage.backward is abstract")
  }

  /// ``FusedStageKernel/parameterGradients(_:part:chain:)`` of the stage's kernel.
  func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
    preconditionFailure("FusedStage.parameterGradients is abstract")
  }

  /// ``FusedStageKernel/carryVectors`` of the stage's kernel.
  var carryVectors: Int { 0 }
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
      preActivationPlace: kernel.preActivationPlace, scratchWidth: kernel.scratchWidth)
  }

  override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
  override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
  override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
    kernel.backward(buffers, part: part, chain: chain)
  }
  override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
    kernel.parameterGradients(buffers, part: part, chain: chain)
  }
  override var carryVectors: Int { kernel.carryVectors }
}

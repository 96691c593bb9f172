@_spi(Internals) import NNCore

/// An elementwise activation that does not follow a dense layer (the network's first layer, or a second
/// activation in a row), over lanes of eight samples:
/// ```
/// forward:   yⱼ = f(xⱼ)            backward:  ∂L/∂xⱼ = ∂L/∂yⱼ · f′(xⱼ, yⱼ)
/// ```
/// Its activation input is its input (``preActivationPlace``); it has no parameters.
struct FusedActivationStage<Activation: ElementwiseActivation>: FusedStageKernel {
  let activation: Activation
  let inputWidth: Int
  /// The C kernels.
  let kernels: KernelTable
  /// The activation's code for the C kernels, or `nil` when its passes run in Swift.
  let kernelActivation: FusedKernelActivation?

  /// A stage applying `activation` to rows of `width` values.
  ///
  /// - Parameters:
  ///   - activation: The activation.
  ///   - width: The width of its input and output rows.
  ///   - kernels: The C kernels, which run the passes of the activations they know.
  init(activation: Activation, width: Int, kernels: KernelTable) {
    self.activation = activation
    self.inputWidth = width
    self.kernels = kernels
    self.kernelActivation = FusedKernelActivation(activation)
  }

  var outputWidth: Int { inputWidth }
  var preActivationPlace: FusedPreActivationPlace { .input }
  var scratchWidth: Int { 0 }
  var carryVectors: Int { 0 }

  func forward(_ buffers: FusedStageBuffers) {
    let count = buffers.groups &* inputWidth
    if let kernelActivation {
      kernels.table.pointee.activationForward(
        kernelActivation.code, kernelActivation.parameter, buffers.input, buffers.output, count)
    } else {
      FusedActivationPass.apply(activation, buffers.input, to: buffers.output, count: count)
    }
  }

  func backward(_ buffers: FusedStageBuffers) {
    guard let inputGradient = buffers.inputGradient else { return }
    let count = buffers.groups &* inputWidth
    if let kernelActivation {
      kernels.table.pointee.activationBackward(
        kernelActivation.code, kernelActivation.parameter, buffers.outputGradient, buffers.input, buffers.output,
        inputGradient, count)
    } else {
      FusedActivationPass.multiplyByDerivative(
        activation, buffers.outputGradient, input: buffers.input, output: buffers.output, into: inputGradient,
        count: count)
    }
  }

  /// The backward pass: the stage has no sums over samples.
  func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) { backward(buffers) }

  /// Nothing: the stage has no parameters.
  func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {}
}

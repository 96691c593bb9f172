import NNCore

/// An elementwise activation that does not follow a dense layer (the network's first layer, or a second
/// activation in a row), over lanes of eight samples:
/// ```
/// forward:   yⱼ = f(xⱼ)            backward:  ∂L/∂xⱼ = ∂L/∂yⱼ · f′(xⱼ, yⱼ)
/// ```
/// Its activation input is its input (``preActivationPlace``); it has no parameters.
struct FusedActivationStage<Activation: ElementwiseActivation>: FusedStageKernel {
  let activation: Activation
  let inputWidth: Int

  /// A stage applying `activation` to rows of `width` values.
  ///
  /// - Parameters:
  ///   - activation: The activation.
  ///   - width: The width of its input and output rows.
  init(activation: Activation, width: Int) {
    self.activation = activation
    self.inputWidth = width
  }

  var outputWidth: Int { inputWidth }
  var preActivationPlace: FusedPreActivationPlace { .input }
  var scratchWidth: Int { 0 }

  func forward(_ buffers: FusedStageBuffers) {
    FusedActivationPass.apply(activation, buffers.input, to: buffers.output, count: buffers.groups &* inputWidth)
  }

  func backward(_ buffers: FusedStageBuffers) {
    guard let inputGradient = buffers.inputGradient else { return }
    FusedActivationPass.multiplyByDerivative(
      activation, buffers.outputGradient, input: buffers.input, output: buffers.output, into: inputGradient,
      count: buffers.groups &* inputWidth)
  }
}

import CNNKernels
@_spi(Internals) import NNCore

/// A stage of a `float32` network in the fused kernel: a dense layer with the activation after it, or an activation
/// on its own, over lanes of sixteen `Float` samples, every pass in the float32 C kernels
/// (``/NNCore/KernelTable/floatTable``).
///
/// The passes are those of ``FusedDenseStage`` and ``FusedActivationStage`` in `Float`, for each group of sixteen
/// samples (one per lane):
/// ```
/// forward:   zⱼ = bⱼ + Σₖ xₖ · Wₖⱼ            yⱼ = f(zⱼ)
/// backward:  δⱼ = ∂L/∂yⱼ · f′(zⱼ, yⱼ)
///            ∂L/∂Wₖⱼ = Σ_samples xₖ · δⱼ      ∂L/∂bⱼ = Σ_samples δⱼ      ∂L/∂xₖ = Σⱼ δⱼ · Wₖⱼ
/// ```
/// A lane vector is 64 bytes, as in a `float64` network, so the kernel lays out its buffers in the same vectors. Only
/// the activations the C kernels know (``FusedKernelActivation``) have a `float32` stage: a network with another
/// trains layer by layer.
final class FusedFloatStage: FusedStage {
  /// The dense layer's parameters, or `nil` for an activation on its own.
  private let parameters: FusedDenseParameters?
  /// The activation's code and parameter for the C kernels.
  private let activation: FusedKernelActivation
  /// The activation's parameter in `Float`.
  private let activationParameter: Float
  /// Which activation derivatives the stage leaves to others or applies for them.
  private let derivativeHandOff: FusedDerivativeHandOff
  /// Whether the parameter gradients are summed in rows of error terms (``sumsInRows(outputWidth:)``).
  private let summedInRows: Bool
  /// The float32 C kernels.
  private let table: UnsafePointer<NNKernelFloatTable>

  /// A dense stage, `z = x·W + b` and `y = f(z)`.
  ///
  /// - Parameters:
  ///   - activation: The activation after the dense layer (the identity for none).
  ///   - inputWidth: The number of inputs.
  ///   - outputWidth: The number of units.
  ///   - parameters: Where the parameters and their gradients are (as `Float`).
  ///   - derivativeHandOff: Which activation derivatives the stage leaves to others or applies for them.
  ///   - kernels: The instruction set's kernels.
  init(
    dense activation: FusedKernelActivation, inputWidth: Int, outputWidth: Int, parameters: FusedDenseParameters,
    derivativeHandOff: FusedDerivativeHandOff, kernels: KernelTable
  ) {
    self.parameters = parameters
    self.activation = activation
    self.activationParameter = Float(activation.parameter)
    self.derivativeHandOff = derivativeHandOff
    self.summedInRows = Self.sumsInRows(outputWidth: outputWidth)
    self.table = kernels.floatTable
    super.init(
      inputWidth: inputWidth, outputWidth: outputWidth,
      preActivationPlace: derivativeHandOff.upstreamIncludesDerivative ? .output : .own,
      scratchWidth: summedInRows ? Self.paddedWidth(outputWidth) : 0)
  }

  /// An activation on its own, `y = f(x)`, on rows of `width` values.
  ///
  /// - Parameters:
  ///   - activation: The activation.
  ///   - width: The width of its input and output rows.
  ///   - kernels: The instruction set's kernels.
  init(alone activation: FusedKernelActivation, width: Int, kernels: KernelTable) {
    self.parameters = nil
    self.activation = activation
    self.activationParameter = Float(activation.parameter)
    self.derivativeHandOff = FusedDerivativeHandOff()
    self.summedInRows = false
    self.table = kernels.floatTable
    super.init(inputWidth: width, outputWidth: width, preActivationPlace: .input, scratchWidth: 0)
  }

  /// Whether a stage of `n` units sums its parameter gradients in rows of error terms rather than in the samples'
  /// lanes: when `n ≥ 16` and padding the rows to ``paddedWidth(_:)`` adds at most a quarter to the work (the rule
  /// of ``FusedDenseStage/sumsInRows(outputWidth:)`` with rows of sixteen floats).
  ///
  /// - Parameter outputWidth: `n`, the number of units.
  static func sumsInRows(outputWidth: Int) -> Bool {
    outputWidth >= 16 && 4 &* (paddedWidth(outputWidth) &- outputWidth) <= outputWidth
  }

  /// `n` rounded up to a multiple of sixteen: the width of a row of transposed error terms, in floats (and the
  /// scratch space a group needs, in lane vectors).
  ///
  /// - Parameter width: `n`, the number of units.
  static func paddedWidth(_ width: Int) -> Int { (width &+ 15) & ~15 }

  override func forward(_ buffers: FusedStageBuffers) {
    let table = self.table.pointee
    let count = buffers.groups &* outputWidth
    guard let parameters else {
      table.activationForward(activation.code, activationParameter, buffers.input, buffers.output, count)
      return
    }
    table.denseForward(
      buffers.input, inputWidth, parameters.floatWeights, parameters.floatBias, outputWidth, buffers.preActivation,
      buffers.groups)
    // An identity with `z` kept in the output buffer has nothing left to do.
    if activation.isIdentity && buffers.preActivation == buffers.output { return }
    table.activationForward(activation.code, activationParameter, buffers.preActivation, buffers.output, count)
  }

  override func backward(_ buffers: FusedStageBuffers) {
    guard let parameters else { return activationBackward(buffers) }
    let table = self.table.pointee
    let delta = multiplyByDerivative(buffers)
    if summedInRows {
      table.rowParameterGradients(
        buffers.input, inputWidth, delta, outputWidth, buffers.groups, buffers.scratch, parameters.floatWeightGradient,
        parameters.floatBiasGradient)
    } else {
      table.laneParameterGradients(
        buffers.input, inputWidth, delta, outputWidth, buffers.groups, parameters.floatWeightGradient,
        parameters.floatBiasGradient)
    }
    inputGradient(buffers, delta: delta, parameters: parameters)
  }

  override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
    guard let parameters else { return activationBackward(buffers) }
    let delta = multiplyByDerivative(buffers)
    if part == 0 { parameterGradients(buffers, part: 0, chain: chain) }
    inputGradient(buffers, delta: delta, parameters: parameters)
  }

  override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
    guard let parameters else { return }
    let table = self.table.pointee
    if summedInRows {
      table.rowParameterGradientsOfPart(
        buffers.input, inputWidth, buffers.outputGradient, outputWidth, buffers.groups, buffers.scratch,
        parameters.floatWeightGradient, parameters.floatBiasGradient, Int32(part), chain.carry, chain.progress)
    } else {
      table.laneParameterGradientsOfPart(
        buffers.input, inputWidth, buffers.outputGradient, outputWidth, buffers.groups, parameters.floatWeightGradient,
        parameters.floatBiasGradient, Int32(part), chain.carry, chain.progress)
    }
  }

  /// The unfinished sums of `∂L/∂W` and `∂L/∂b`: `(inputWidth + 1)` rows of ``paddedWidth(_:)`` floats for sums in
  /// rows, `(inputWidth + 1) × outputWidth` lane vectors for sums in lanes; none without parameters.
  override var carryVectors: Int {
    guard parameters != nil else { return 0 }
    return summedInRows ? (inputWidth + 1) * Self.paddedWidth(outputWidth) / 16 : (inputWidth + 1) * outputWidth
  }

  /// The backward pass of an activation on its own: `∂L/∂x = ∂L/∂y ⊙ f′(x, y)`, when there is an input-gradient
  /// buffer.
  ///
  /// - Parameter buffers: The stage's buffers.
  @inline(__always)
  private func activationBackward(_ buffers: FusedStageBuffers) {
    guard let inputGradient = buffers.inputGradient else { return }
    table.pointee.activationBackward(
      activation.code, activationParameter, buffers.outputGradient, buffers.input, buffers.output, inputGradient,
      buffers.groups &* outputWidth)
  }

  /// `δ = ∂L/∂y ⊙ f′(z, y)` in place of `∂L/∂y`, unless the stage's derivative is applied upstream; returns `δ`.
  ///
  /// - Parameter buffers: The stage's buffers.
  @inline(__always)
  private func multiplyByDerivative(_ buffers: FusedStageBuffers) -> UnsafeMutablePointer<LaneVector> {
    let delta = buffers.outputGradient
    if !derivativeHandOff.upstreamIncludesDerivative {
      table.pointee.activationBackward(
        activation.code, activationParameter, delta, buffers.preActivation, buffers.output, delta,
        buffers.groups &* outputWidth)
    }
    return delta
  }

  /// `∂L/∂x = δ·Wᵀ`, times the previous activation's derivative when the stage applies it, when there is an
  /// input-gradient buffer.
  ///
  /// - Parameters:
  ///   - buffers: The stage's buffers.
  ///   - delta: `δ = ∂L/∂z`.
  ///   - parameters: The dense layer's parameters.
  @inline(__always)
  private func inputGradient(
    _ buffers: FusedStageBuffers, delta: UnsafeMutablePointer<LaneVector>, parameters: FusedDenseParameters
  ) {
    guard let inputGradient = buffers.inputGradient else { return }
    table.pointee.inputGradient(
      delta, outputWidth, parameters.floatWeights, inputGradient, inputWidth, buffers.groups, buffers.input,
      derivativeHandOff.inputDerivative?.kernelCode ?? 0)
  }
}

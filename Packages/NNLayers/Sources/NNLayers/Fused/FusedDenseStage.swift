@_spi(Internals) import NNCore

/// Where a dense stage finds its parameters and puts their gradients: entries of the fused kernel's table of
/// addresses, which the kernel fills at the start of each step with the addresses of the network's own matrices
/// and of the trainer's gradient matrices (`W` is `inputs × units` row-major, `b` is `units` long), or once with
/// those of its flat store. The elements are `Double` in a `float64` network and `Float` in a `float32` one; the
/// addresses are valid only while the kernel runs a step.
struct FusedDenseParameters {
  /// The entry holding the address of `W`.
  let weightsEntry: UnsafePointer<UnsafeMutableRawPointer>
  /// The entry holding the address of `b`, or `nil` without a bias.
  let biasEntry: UnsafePointer<UnsafeMutableRawPointer>?
  /// The entry holding the address that receives `∂L/∂W`.
  let weightGradientEntry: UnsafePointer<UnsafeMutableRawPointer>
  /// The entry holding the address that receives `∂L/∂b`, or `nil` without a bias.
  let biasGradientEntry: UnsafePointer<UnsafeMutableRawPointer>?

  /// `W` of a `float64` network.
  var weights: UnsafePointer<Double> { UnsafePointer(weightsEntry.pointee.assumingMemoryBound(to: Double.self)) }
  /// `b` of a `float64` network, or `nil` without a bias.
  var bias: UnsafePointer<Double>? { biasEntry.map { UnsafePointer($0.pointee.assumingMemoryBound(to: Double.self)) } }
  /// Receives `∂L/∂W` of a `float64` network.
  var weightGradient: UnsafeMutablePointer<Double> { weightGradientEntry.pointee.assumingMemoryBound(to: Double.self) }
  /// Receives `∂L/∂b` of a `float64` network, or `nil` without a bias.
  var biasGradient: UnsafeMutablePointer<Double>? { biasGradientEntry?.pointee.assumingMemoryBound(to: Double.self) }

  /// `W` of a `float32` network.
  var floatWeights: UnsafePointer<Float> { UnsafePointer(weightsEntry.pointee.assumingMemoryBound(to: Float.self)) }
  /// `b` of a `float32` network, or `nil` without a bias.
  var floatBias: UnsafePointer<Float>? {
    biasEntry.map { UnsafePointer($0.pointee.assumingMemoryBound(to: Float.self)) }
  }
  /// Receives `∂L/∂W` of a `float32` network.
  var floatWeightGradient: UnsafeMutablePointer<Float> {
    weightGradientEntry.pointee.assumingMemoryBound(to: Float.self)
  }
  /// Receives `∂L/∂b` of a `float32` network, or `nil` without a bias.
  var floatBiasGradient: UnsafeMutablePointer<Float>? {
    biasGradientEntry?.pointee.assumingMemoryBound(to: Float.self)
  }
}

/// A dense layer and the elementwise activation after it, over lanes of eight samples.
///
/// For each group of eight samples (one per lane), with `W` the `inputs × units` weights and `b` the bias:
/// ```
/// forward:   zⱼ = bⱼ + Σₖ xₖ · Wₖⱼ            yⱼ = f(zⱼ)
/// backward:  δⱼ = ∂L/∂yⱼ · f′(zⱼ, yⱼ)
///            ∂L/∂Wₖⱼ = Σ_samples xₖ · δⱼ      ∂L/∂bⱼ = Σ_samples δⱼ      ∂L/∂xₖ = Σⱼ δⱼ · Wₖⱼ
/// ```
/// A dense layer with no activation after it uses ``Identity``. The products and sums run in the C kernels of
/// the instruction set chosen for this CPU (``KernelTable``), as do the passes of the activations they know
/// (``FusedKernelActivation``); any other activation's passes run in Swift (``FusedActivationPass``), generic
/// over the activation so that its `SIMD8` forms inline. The parameter gradients are summed over samples in rows
/// of error terms for layers of eight units or more (``sumsInRows(outputWidth:)``), or in the samples' lanes with
/// one reduction per weight at the end of the batch. Parameters and gradients are read and written in the
/// network's and the trainer's own matrices, through the kernel's table of their addresses
/// (``FusedDenseParameters``).
struct FusedDenseStage<Activation: ElementwiseActivation>: FusedStageKernel {
  let activation: Activation
  let inputWidth: Int
  let outputWidth: Int
  let parameters: FusedDenseParameters
  let derivativeHandOff: FusedDerivativeHandOff
  /// The C kernels.
  let kernels: KernelTable
  /// The activation's code for the C kernels, or `nil` when its passes run in Swift.
  let kernelActivation: FusedKernelActivation?

  /// A dense stage.
  ///
  /// - Parameters:
  ///   - activation: The activation after the dense layer (``Identity`` for none).
  ///   - inputWidth: The number of inputs.
  ///   - outputWidth: The number of units.
  ///   - parameters: Where the parameters and their gradients are.
  ///   - derivativeHandOff: Which activation derivatives the stage leaves to others or applies for them.
  ///   - kernels: The C kernels to run.
  init(
    activation: Activation, inputWidth: Int, outputWidth: Int, parameters: FusedDenseParameters,
    derivativeHandOff: FusedDerivativeHandOff, kernels: KernelTable
  ) {
    self.activation = activation
    self.inputWidth = inputWidth
    self.outputWidth = outputWidth
    self.parameters = parameters
    self.derivativeHandOff = derivativeHandOff
    self.kernels = kernels
    self.kernelActivation = FusedKernelActivation(activation)
  }

  var preActivationPlace: FusedPreActivationPlace {
    derivativeHandOff.upstreamIncludesDerivative ? .output : .own
  }

  var scratchWidth: Int { Self.sumsInRows(outputWidth: outputWidth) ? Self.paddedWidth(outputWidth) : 0 }

  /// Whether a stage of `n` units sums its parameter gradients in rows of error terms rather than in the samples'
  /// lanes: when `n ≥ 8` and padding the rows to ``paddedWidth(_:)`` adds at most a quarter to the work.
  ///
  /// Summed in the samples' lanes, every weight needs one eight-lane reduction per batch, some two to three
  /// shuffles and adds, which with four groups (batch 32) costs as much as its four multiply-adds: on the digits
  /// network (64-128-64-10, batch 32, one thread) summing in rows took training from 0.68 M to 0.81 M samples/s.
  /// Narrow layers keep the lanes: padded to eight units, their rows would be mostly zeros.
  ///
  /// - Parameter outputWidth: `n`, the number of units.
  static func sumsInRows(outputWidth: Int) -> Bool {
    outputWidth >= 8 && 4 &* (paddedWidth(outputWidth) &- outputWidth) <= outputWidth
  }

  /// `n` rounded up to a multiple of eight: the width of a row of transposed error terms, in doubles (and the
  /// scratch space a group needs, in lane vectors).
  ///
  /// - Parameter width: `n`, the number of units.
  static func paddedWidth(_ width: Int) -> Int { (width &+ 7) & ~7 }

  func forward(_ buffers: FusedStageBuffers) {
    let table = kernels.table.pointee
    table.denseForward(
      buffers.input, inputWidth, parameters.weights, parameters.bias, outputWidth, buffers.preActivation,
      buffers.groups)
    // An identity with `z` kept in the output buffer has nothing left to do.
    if Activation.self == Identity.self && buffers.preActivation == buffers.output { return }
    let count = buffers.groups &* outputWidth
    if let kernelActivation {
      table.activationForward(
        kernelActivation.code, kernelActivation.parameter, buffers.preActivation, buffers.output, count)
    } else {
      FusedActivationPass.apply(activation, buffers.preActivation, to: buffers.output, count: count)
    }
  }

  func backward(_ buffers: FusedStageBuffers) {
    let table = kernels.table.pointee
    let delta = multiplyByDerivative(buffers)
    if Self.sumsInRows(outputWidth: outputWidth) {
      table.rowParameterGradients(
        buffers.input, inputWidth, delta, outputWidth, buffers.groups, buffers.scratch, parameters.weightGradient,
        parameters.biasGradient)
    } else {
      table.laneParameterGradients(
        buffers.input, inputWidth, delta, outputWidth, buffers.groups, parameters.weightGradient,
        parameters.biasGradient)
    }
    inputGradient(buffers, delta: delta)
  }

  func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
    let delta = multiplyByDerivative(buffers)
    if part == 0 { parameterGradients(buffers, part: 0, chain: chain) }
    inputGradient(buffers, delta: delta)
  }

  /// `δ = ∂L/∂y ⊙ f′(z, y)` in place of `∂L/∂y`, unless the stage's derivative is applied upstream; returns `δ`.
  ///
  /// - Parameter buffers: The stage's buffers.
  @inline(__always)
  private func multiplyByDerivative(_ buffers: FusedStageBuffers) -> UnsafeMutablePointer<LaneVector> {
    let delta = buffers.outputGradient
    guard !derivativeHandOff.upstreamIncludesDerivative else { return delta }
    let count = buffers.groups &* outputWidth
    if let kernelActivation {
      kernels.table.pointee.activationBackward(
        kernelActivation.code, kernelActivation.parameter, delta, buffers.preActivation, buffers.output, delta, count)
    } else {
      FusedActivationPass.multiplyByDerivative(
        activation, delta, input: buffers.preActivation, output: buffers.output, into: delta, count: count)
    }
    return delta
  }

  /// `∂L/∂x = δ·Wᵀ`, times the previous activation's derivative when the stage applies it, when there is an
  /// input-gradient buffer.
  ///
  /// - Parameters:
  ///   - buffers: The stage's buffers.
  ///   - delta: `δ = ∂L/∂z`.
  @inline(__always)
  private func inputGradient(_ buffers: FusedStageBuffers, delta: UnsafeMutablePointer<LaneVector>) {
    guard let inputGradient = buffers.inputGradient else { return }
    kernels.table.pointee.inputGradient(
      delta, outputWidth, parameters.weights, inputGradient, inputWidth, buffers.groups, buffers.input,
      derivativeHandOff.inputDerivative?.kernelCode ?? 0)
  }

  /// The unfinished sums of `∂L/∂W` and `∂L/∂b`: `(inputWidth + 1)` rows of ``paddedWidth(_:)`` doubles for sums in
  /// rows, `(inputWidth + 1) × outputWidth` lane vectors for sums in lanes.
  var carryVectors: Int {
    Self.sumsInRows(outputWidth: outputWidth)
      ? (inputWidth + 1) * Self.paddedWidth(outputWidth) / 8 : (inputWidth + 1) * outputWidth
  }

  func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
    let table = kernels.table.pointee
    if Self.sumsInRows(outputWidth: outputWidth) {
      table.rowParameterGradientsOfPart(
        buffers.input, inputWidth, buffers.outputGradient, outputWidth, buffers.groups, buffers.scratch,
        parameters.weightGradient, parameters.biasGradient, Int32(part), chain.carry, chain.progress)
    } else {
      table.laneParameterGradientsOfPart(
        buffers.input, inputWidth, buffers.outputGradient, outputWidth, buffers.groups, parameters.weightGradient,
        parameters.biasGradient, Int32(part), chain.carry, chain.progress)
    }
  }
}

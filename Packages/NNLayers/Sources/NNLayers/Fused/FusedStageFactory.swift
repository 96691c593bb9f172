@_spi(Internals) import NNCore

/// Builds stages for concrete activation types: the one place where the activation existentials are opened.
///
/// The built-in activations are matched by type and get the non-generic stages of ``FusedBuiltinStages``,
/// compiled with the activation's `SIMD8` code inlined. Any other
/// ``ElementwiseActivation`` (a user's own) is opened into the generic ``FusedStageBox``, which calls its
/// `SIMD8` forms through the protocol: still eight samples a call, still correct, only without inlining.
enum FusedStageFactory {
  /// A stage for a dense layer followed by `activation` (or by nothing).
  ///
  /// - Parameters:
  ///   - activation: The elementwise activation after the dense layer, or `nil`.
  ///   - inputWidth: The dense layer's input width.
  ///   - outputWidth: Its number of units.
  ///   - parameters: Where its parameters and gradients are.
  ///   - derivativeHandOff: Which activation derivatives the stage leaves to others or applies for them.
  ///   - kernels: The C kernels the stage runs.
  static func denseStage(
    activation: (any ElementwiseActivation)?, inputWidth: Int, outputWidth: Int, parameters: FusedDenseParameters,
    derivativeHandOff: FusedDerivativeHandOff, kernels: KernelTable
  ) -> FusedStage {
    func kernel<A: ElementwiseActivation>(_ activation: A) -> FusedDenseStage<A> {
      FusedDenseStage(
        activation: activation, inputWidth: inputWidth, outputWidth: outputWidth, parameters: parameters,
        derivativeHandOff: derivativeHandOff, kernels: kernels)
    }
    guard let activation else { return FusedBuiltinStages.DenseIdentity(kernel(Identity())) }
    if let sigmoid = activation as? Sigmoid { return FusedBuiltinStages.DenseSigmoid(kernel(sigmoid)) }
    if let tanh = activation as? Tanh { return FusedBuiltinStages.DenseTanh(kernel(tanh)) }
    if let relu = activation as? ReLU { return FusedBuiltinStages.DenseReLU(kernel(relu)) }
    if let identity = activation as? Identity { return FusedBuiltinStages.DenseIdentity(kernel(identity)) }
    if let leaky = activation as? LeakyReLU { return FusedBuiltinStages.DenseLeakyReLU(kernel(leaky)) }
    if let elu = activation as? ExponentialLinearUnit {
      return FusedBuiltinStages.DenseExponentialLinearUnit(kernel(elu))
    }
    if let selu = activation as? ScaledExponentialLinearUnit {
      return FusedBuiltinStages.DenseScaledExponentialLinearUnit(kernel(selu))
    }
    if let softplus = activation as? Softplus { return FusedBuiltinStages.DenseSoftplus(kernel(softplus)) }
    if let gelu = activation as? GaussianErrorLinearUnit {
      return FusedBuiltinStages.DenseGaussianErrorLinearUnit(kernel(gelu))
    }
    if let swish = activation as? Swish { return FusedBuiltinStages.DenseSwish(kernel(swish)) }
    if let hard = activation as? HardSigmoid { return FusedBuiltinStages.DenseHardSigmoid(kernel(hard)) }
    func boxed<A: ElementwiseActivation>(_ activation: A) -> FusedStage { FusedStageBox(kernel(activation)) }
    return boxed(activation)
  }

  /// A stage applying `activation` on its own to rows of `width` values.
  ///
  /// - Parameters:
  ///   - activation: The elementwise activation.
  ///   - width: The row width.
  ///   - kernels: The C kernels the stage runs.
  static func activationStage(
    _ activation: any ElementwiseActivation, width: Int, kernels: KernelTable
  ) -> FusedStage {
    func kernel<A: ElementwiseActivation>(_ activation: A) -> FusedActivationStage<A> {
      FusedActivationStage(activation: activation, width: width, kernels: kernels)
    }
    if let sigmoid = activation as? Sigmoid { return FusedBuiltinStages.LoneSigmoid(kernel(sigmoid)) }
    if let tanh = activation as? Tanh { return FusedBuiltinStages.LoneTanh(kernel(tanh)) }
    if let relu = activation as? ReLU { return FusedBuiltinStages.LoneReLU(kernel(relu)) }
    if let identity = activation as? Identity { return FusedBuiltinStages.LoneIdentity(kernel(identity)) }
    func boxed<A: ElementwiseActivation>(_ activation: A) -> FusedStage { FusedStageBox(kernel(activation)) }
    return boxed(activation)
  }
}

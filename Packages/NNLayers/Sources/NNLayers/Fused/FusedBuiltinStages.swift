/// Non-generic stages for the built-in activations, so that the kernel's dynamic calls land in code compiled
/// for the concrete activation type (``FusedStage`` explains why): the stage's own code, and for the activations
/// whose passes run in Swift (``FusedKernelActivation`` is `nil` for them) the activation's inlined `SIMD8` forms.
/// Each override only forwards to the kernel.
///
/// Every built-in elementwise activation has a dense stage; the four most common also have a stage on their
/// own (a network's first layer, or a second activation in a row, is rare). An activation added to NNLayers
/// works without an entry here (through ``FusedStageBox``) and gets its full speed with one.
enum FusedBuiltinStages {
  /// A dense layer with no activation.
  final class DenseIdentity: FusedStageBox<FusedDenseStage<NNLayers.Identity>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// A dense layer followed by ``Sigmoid``.
  final class DenseSigmoid: FusedStageBox<FusedDenseStage<NNLayers.Sigmoid>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// A dense layer followed by ``Tanh``.
  final class DenseTanh: FusedStageBox<FusedDenseStage<NNLayers.Tanh>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// A dense layer followed by ``ReLU``.
  final class DenseReLU: FusedStageBox<FusedDenseStage<NNLayers.ReLU>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// A dense layer followed by ``LeakyReLU``.
  final class DenseLeakyReLU: FusedStageBox<FusedDenseStage<NNLayers.LeakyReLU>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// A dense layer followed by ``ExponentialLinearUnit``.
  final class DenseExponentialLinearUnit: FusedStageBox<FusedDenseStage<NNLayers.ExponentialLinearUnit>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// A dense layer followed by ``ScaledExponentialLinearUnit``.
  final class DenseScaledExponentialLinearUnit: FusedStageBox<FusedDenseStage<NNLayers.ScaledExponentialLinearUnit>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// A dense layer followed by ``Softplus``.
  final class DenseSoftplus: FusedStageBox<FusedDenseStage<NNLayers.Softplus>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// A dense layer followed by ``GaussianErrorLinearUnit``.
  final class DenseGaussianErrorLinearUnit: FusedStageBox<FusedDenseStage<NNLayers.GaussianErrorLinearUnit>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// A dense layer followed by ``Swish``.
  final class DenseSwish: FusedStageBox<FusedDenseStage<NNLayers.Swish>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// A dense layer followed by ``HardSigmoid``.
  final class DenseHardSigmoid: FusedStageBox<FusedDenseStage<NNLayers.HardSigmoid>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// ``Identity`` on its own.
  final class LoneIdentity: FusedStageBox<FusedActivationStage<NNLayers.Identity>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// ``Sigmoid`` on its own.
  final class LoneSigmoid: FusedStageBox<FusedActivationStage<NNLayers.Sigmoid>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// ``Tanh`` on its own.
  final class LoneTanh: FusedStageBox<FusedActivationStage<NNLayers.Tanh>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }

  /// ``ReLU`` on its own.
  final class LoneReLU: FusedStageBox<FusedActivationStage<NNLayers.ReLU>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
    override func backward(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.backward(buffers, part: part, chain: chain)
    }
    override func parameterGradients(_ buffers: FusedStageBuffers, part: Int, chain: FusedGradientChain) {
      kernel.parameterGradients(buffers, part: part, chain: chain)
    }
  }
}

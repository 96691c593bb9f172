/// Non-generic stages for the built-in activations, so that the kernel's dynamic calls land in code compiled
/// for the concrete activation type (``FusedStage`` explains why). Each override only forwards to the kernel.
enum FusedBuiltinStages {
  /// A dense layer with no activation.
  final class DenseIdentity: FusedStageBox<FusedDenseStage<NNLayers.Identity>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
  }

  /// A dense layer followed by ``Sigmoid``.
  final class DenseSigmoid: FusedStageBox<FusedDenseStage<NNLayers.Sigmoid>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
  }

  /// A dense layer followed by ``Tanh``.
  final class DenseTanh: FusedStageBox<FusedDenseStage<NNLayers.Tanh>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
  }

  /// A dense layer followed by ``ReLU``.
  final class DenseReLU: FusedStageBox<FusedDenseStage<NNLayers.ReLU>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
  }

  /// ``Identity`` on its own.
  final class LoneIdentity: FusedStageBox<FusedActivationStage<NNLayers.Identity>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
  }

  /// ``Sigmoid`` on its own.
  final class LoneSigmoid: FusedStageBox<FusedActivationStage<NNLayers.Sigmoid>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
  }

  /// ``Tanh`` on its own.
  final class LoneTanh: FusedStageBox<FusedActivationStage<NNLayers.Tanh>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
  }

  /// ``ReLU`` on its own.
  final class LoneReLU: FusedStageBox<FusedActivationStage<NNLayers.ReLU>> {
    override func forward(_ buffers: FusedStageBuffers) { kernel.forward(buffers) }
    override func backward(_ buffers: FusedStageBuffers) { kernel.backward(buffers) }
  }
}

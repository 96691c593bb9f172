@_spi(Internals) import NNCore

/// One parameter matrix of a network trained by the fused kernel: its layer and its position among the layer's
/// parameters.
struct FusedParameterSlot {
  /// The layer.
  let layer: Int
  /// The parameter's index among the layer's parameters.
  let index: Int
}

/// What a ``FusedNetworkKernel`` is made from: the stages of a qualifying network, read from the network once, so
/// that more kernels of the same shape can be made without it (the parts of a batch shared by threads,
/// ``FusedBatchParts``).
struct FusedKernelBlueprint {
  /// Each stage: its first layer, its dense layer (`nil` for an activation alone) and the activation after it
  /// (`nil`: none).
  let plan: [(layer: Int, dense: Dense?, activation: (any ElementwiseActivation)?)]
  /// The parameter matrices of the trained layers, in the order of the kernel's address entries.
  let slots: [FusedParameterSlot]
  /// The number of elements of each slot's matrix.
  let slotSizes: [Int]
  /// The number of parameters: the sum of ``slotSizes``.
  let parameterCount: Int
  /// The network's widths: its input width, then each layer's output width.
  let widths: [Int]
  /// How many layers the trainer runs.
  let trainedLayerCount: Int
  /// The loss, in lanes.
  let loss: FusedLoss
  /// The network's element type.
  let elementType: ElementType
  /// The C kernels every stage runs.
  let kernels: KernelTable

  /// The plan for the first `trainedLayerCount` layers of `network` and `loss`, or `nil` when they do not qualify
  /// (see ``FusedNetworkKernel``).
  ///
  /// - Parameters:
  ///   - network: The network.
  ///   - loss: The loss, applied to the output of layer `trainedLayerCount − 1`.
  ///   - trainedLayerCount: How many layers the trainer runs.
  ///   - kernels: The C kernels to run.
  init?(network: Sequential, loss: any Loss, trainedLayerCount: Int, kernels: KernelTable) {
    guard trainedLayerCount >= 1, let fusedLoss = FusedLoss(loss),
      network.widths[0...trainedLayerCount].allSatisfy({ $0 <= FusedNetworkKernel.maximumWidth })
    else { return nil }
    var plan: [(layer: Int, dense: Dense?, activation: (any ElementwiseActivation)?)] = []
    var slots: [FusedParameterSlot] = []
    var slotSizes: [Int] = []
    var index = 0
    while index < trainedLayerCount {
      let layer = network.layers[index]
      if let dense = layer as? Dense {
        var activation: (any ElementwiseActivation)?
        if index + 1 < trainedLayerCount, let next = network.layers[index + 1] as? ActivationLayer {
          activation = next.activation as? any ElementwiseActivation
        }
        for (position, matrix) in network.parameters[index].enumerated() {
          slots.append(FusedParameterSlot(layer: index, index: position))
          slotSizes.append(matrix.count)
        }
        plan.append((index, dense, activation))
        index += activation == nil ? 1 : 2
      } else if let activation = (layer as? ActivationLayer)?.activation as? any ElementwiseActivation {
        plan.append((index, nil, activation))
        index += 1
      } else {
        return nil
      }
    }
    let knownActivations = plan.allSatisfy { $0.activation.map { FusedKernelActivation($0) != nil } ?? true }
    guard network.elementType == .float64 || knownActivations else { return nil }
    self.plan = plan
    self.slots = slots
    self.slotSizes = slotSizes
    parameterCount = slotSizes.reduce(0, +)
    widths = network.widths
    self.trainedLayerCount = trainedLayerCount
    self.loss = fusedLoss
    elementType = network.elementType
    self.kernels = kernels
  }
}

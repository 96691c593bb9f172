import NNCore
import NNData
import NNLayers

extension ModelFile {
  /// The model file of a trainer's current state: its network's layers and weights, its loss, and its optimizer
  /// with the per-parameter state, so training can continue from the file. The writing program's own settings
  /// start empty; ``setTraining(_:)`` stores them.
  ///
  /// ```swift
  /// try ModelFile(trainer: trainer, standardization: standardization, classNames: iris.classNames)
  ///   .write(path: "iris.json")
  /// ```
  ///
  /// - Parameters:
  ///   - trainer: The trainer whose network, loss and optimizer are saved.
  ///   - standardization: The standardisation the network's inputs went through, if any; prediction from the
  ///     loaded model applies it.
  ///   - classNames: The class names in output order; empty for regression.
  ///   - featureNames: The feature names.
  ///   - seed: The random seed the network was made with.
  ///   - progress: How far training went (``StoredProgress/init(iterations:random:sampler:)``).
  public init(
    trainer: Trainer, standardization: Standardization? = nil, classNames: [String] = [],
    featureNames: [String] = [], seed: UInt64 = 0, progress: StoredProgress = StoredProgress()
  ) {
    let network = trainer.network
    let slotNames = trainer.optimizer.slotNames
    var weights: [String: Matrix] = [:]
    var states: [String: StoredParameterState] = [:]
    for (layer, parameters) in network.parameters.enumerated() {
      let shapes = network.layers[layer].parameterShapes(inputWidth: network.widths[layer])
      for (index, shape) in shapes.enumerated() {
        let path = Self.parameterPath(layer: layer, name: shape.name)
        weights[path] = parameters[index]
        let state = trainer.optimizerState[layer][index]
        states[path] = StoredParameterState(
          step: state.step, slots: Dictionary(uniqueKeysWithValues: zip(slotNames, state.slots)))
      }
    }
    self.init(
      network: StoredNetwork(
        inputWidth: network.inputWidth, layers: network.layers.map(\.configuration), elementType: network.elementType),
      weights: weights, optimizer: StoredOptimizer(configuration: trainer.optimizer.configuration, state: states),
      loss: trainer.loss.configuration, standardization: standardization, classNames: classNames,
      featureNames: featureNames, seed: seed, progress: progress)
  }
}

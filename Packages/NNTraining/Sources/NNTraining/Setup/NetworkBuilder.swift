import NNCore
import NNData
import NNLayers

/// Builds the network, loss, optimizer and trainer that settings describe, choosing the components the settings
/// leave open (initializer by activation, output activation and loss by task) and refusing combinations that
/// cannot work, with messages naming the settings by their flags.
public struct NetworkBuilder {
  /// The settings.
  public let settings: TrainingSettings
  /// The components the settings may name.
  public let registry: Registry

  /// A builder.
  ///
  /// - Parameters:
  ///   - settings: The settings.
  ///   - registry: The components the settings may name.
  public init(settings: TrainingSettings, registry: Registry) {
    self.settings = settings
    self.registry = registry
  }

  /// The trainer for a training part: the network (made with `random`), the loss and the optimizer.
  ///
  /// - Parameters:
  ///   - dataset: The training part, prepared (its targets as wide as the network's output).
  ///   - random: The source of the initial weights.
  /// - Throws: ``TrainingError`` naming the setting at fault and what to give instead.
  public func trainer(for dataset: Dataset, random: RandomSource) throws -> Trainer {
    let classification = dataset.isClassification
    do {
      let layers = try self.layers(for: dataset)
      let initializer = try Self.component("--init", settings.resolvedInitializer) { try registry.initializer($0) }
      var lossRequest = try Self.request("--loss", settings.resolvedLoss(classification: classification))
      if let reduction = settings.reduction { lossRequest.named["reduction"] = .text(reduction.rawValue) }
      let loss = try Self.component("--loss", lossRequest) { try registry.loss($0) }
      var optimizerRequest = try Self.request("--optimizer", settings.optimizer)
      optimizerRequest.named["learning_rate"] = .number(settings.learningRate)
      if let momentum = settings.momentum { optimizerRequest.named["momentum"] = .number(momentum) }
      let optimizer = try Self.component("--optimizer", optimizerRequest) { try registry.optimizer($0) }
      let network = try Sequential(
        inputWidth: dataset.featureCount, layers: layers, initializer: initializer, random: random,
        elementType: settings.elementType)
      // Per-layer error terms are kept by the layer-by-layer path only.
      var trainer = Trainer(
        network: network, loss: loss, optimizer: optimizer, allowsFusedKernel: !settings.reportGradients)
      trainer.gradientClipping = settings.gradientClipping
      try TrainingRun.checkTargets(of: dataset, for: trainer)
      try CombinationCheck.check(trainer: trainer, dataset: dataset, settings: settings)
      return trainer
    } catch let error as NetworkError {
      throw TrainingError("cannot build the network: \(error)")
    }
  }

  /// The network's layers: the network specification as given, or dense hidden layers of the hidden widths with
  /// the hidden activation (a `maxout` activation makes each a maxout layer), then the output layer.
  ///
  /// - Parameter dataset: The training part, for the output width and task.
  /// - Throws: ``TrainingError`` naming the setting at fault.
  public func layers(for dataset: Dataset) throws -> [any Layer] {
    if let text = settings.network {
      do {
        return try NetworkSpecification.layers(from: text, registry: registry)
      } catch let error as NetworkSpecificationError {
        throw TrainingError("--network: \(error)")
      }
    }
    var layers: [any Layer] = []
    for width in settings.hiddenLayers {
      do {
        layers += try NetworkSpecification.hiddenStage(
          width: width, activation: settings.activation, bias: settings.bias, registry: registry)
      } catch let error as ComponentError {
        throw TrainingError("--activation: \(error)")
      }
    }
    layers.append(try Dense(units: dataset.targetCount, bias: settings.bias))
    let output = settings.resolvedOutputActivation(classification: dataset.isClassification)
    layers.append(try Self.component("--output-activation", output) { try registry.layer($0) })
    return layers
  }

  private static func request(_ flag: String, _ text: String) throws -> ComponentRequest {
    do { return try ComponentRequest(parsing: text) } catch { throw TrainingError("\(flag): \(error)") }
  }

  private static func component<Product>(
    _ flag: String, _ text: String, _ make: (ComponentRequest) throws -> Product
  ) throws -> Product {
    try component(flag, try request(flag, text), make)
  }

  private static func component<Product>(
    _ flag: String, _ request: ComponentRequest, _ make: (ComponentRequest) throws -> Product
  ) throws -> Product {
    do { return try make(request) } catch let error as ComponentError { throw TrainingError("\(flag): \(error)") }
  }
}

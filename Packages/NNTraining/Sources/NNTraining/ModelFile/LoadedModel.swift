import NNCore
import NNData
import NNLayers

/// A model made again from its file through a registry: the network with its weights, the loss, the optimizer
/// and its state, every component looked up by name and every shape checked against what the layers need.
///
/// ```swift
/// let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, MyPlugin.self])
/// let model = try LoadedModel(path: "model.json", registry: registry)
/// let outputs = try model.predict(features)  // standardised as in training
/// var trainer = model.trainer()             // continues with the stored optimizer state
/// ```
public struct LoadedModel {
  /// The file as read.
  public let file: ModelFile
  /// Where the file came from (its path), as messages name it.
  public let source: String
  /// The network with the stored weights, computing in the stored element type.
  public let network: Sequential
  /// The stored loss.
  public let loss: any Loss
  /// The stored optimizer.
  public let optimizer: any Optimizer
  /// The stored optimizer state, by layer, in the order of each layer's parameters.
  public let optimizerState: [[ParameterState]]

  /// Whether the model predicts classes (it stores class names).
  public var isClassification: Bool { !file.classNames.isEmpty }

  /// Reads a model file strictly and makes its model.
  ///
  /// - Parameters:
  ///   - path: The file's path.
  ///   - registry: The components the file may name.
  /// - Throws: ``ModelFileError``: ``ModelFileError/missing(path:)`` or ``ModelFileError/unreadable(path:reason:)``
  ///   when the file cannot be read; ``ModelFileError/invalidContent(path:reason:)`` for anything wrong inside
  ///   (an unknown component, listing the registered names; a missing, extra or misshapen weight or state).
  public init(path: String, registry: Registry) throws(ModelFileError) {
    try self.init(file: try ModelFile.read(path: path), registry: registry, source: path)
  }

  /// Makes the model a model file describes.
  ///
  /// - Parameters:
  ///   - file: The model file.
  ///   - registry: The components the file may name.
  ///   - source: Where the file came from, for messages.
  /// - Throws: ``ModelFileError/invalidContent(path:reason:)`` naming what does not fit.
  public init(file: ModelFile, registry: Registry, source: String = "model") throws(ModelFileError) {
    func failure(_ reason: String) -> ModelFileError { .invalidContent(path: source, reason: reason) }
    func make<Product>(_ key: String, _ body: () throws -> Product) throws(ModelFileError) -> Product {
      do { return try body() } catch { throw failure("\(key): \(error)") }
    }
    let layers = try file.network.layers.enumerated().map { index, configuration throws(ModelFileError) in
      try make("network.layers[\(index)]") { try registry.layer(configuration.request) }
    }
    loss = try make("loss") { try registry.loss(file.loss.request) }
    optimizer = try make("optimizer") { try registry.optimizer(file.optimizer.configuration.request) }
    let shapes = try Self.shapes(layers: layers, inputWidth: file.network.inputWidth, failure: failure)
    let parts = try ModelParameters(file: file, shapes: shapes, slotNames: optimizer.slotNames, failure: failure)
    network = try make("network") {
      try Sequential(inputWidth: file.network.inputWidth, layers: layers, parameters: parts.parameters)
        .converted(to: file.network.elementType)
    }
    if let standardization = file.standardization {
      _ = try make("standardization") {
        try Standardization(means: standardization.means, scales: standardization.scales)
      }
      guard standardization.featureCount == network.inputWidth else {
        throw failure(
          "the standardisation has \(standardization.featureCount) features, the network takes \(network.inputWidth)")
      }
    }
    let classCount = file.classNames.count
    if classCount > 0, network.outputWidth != classCount, !(classCount == 2 && network.outputWidth == 1) {
      throw failure("\(classCount) class names for a network with \(network.outputWidth) outputs")
    }
    self.file = file
    self.source = source
    optimizerState = parts.states
  }

  /// A trainer holding the stored network, loss, optimizer and optimizer state, to continue training.
  ///
  /// - Parameter allowsFusedKernel: Whether the fused kernel for small dense networks may be used.
  public func trainer(allowsFusedKernel: Bool = true) -> Trainer {
    var trainer = Trainer(network: network, loss: loss, optimizer: optimizer, allowsFusedKernel: allowsFusedKernel)
    trainer.optimizerState = optimizerState
    return trainer
  }

  /// The file's `training` object (stored with ``ModelFile/setTraining(_:)``) decoded strictly as a program's own settings.
  ///
  /// - Parameter type: The settings' type.
  /// - Throws: ``ModelFileError/invalidContent(path:reason:)`` naming the key under `training.` at fault.
  public func training<Settings: Codable>(as type: Settings.Type) throws(ModelFileError) -> Settings {
    try file.training(as: type, path: source)
  }

  /// Each layer's parameter shapes, checking that every layer takes the width before it.
  private static func shapes(
    layers: [any Layer], inputWidth: Int, failure: (String) -> ModelFileError
  ) throws(ModelFileError) -> [[ParameterShape]] {
    guard inputWidth >= 1 else { throw failure("network.input_width must be at least 1, got \(inputWidth)") }
    var width = inputWidth
    var shapes: [[ParameterShape]] = []
    for (index, layer) in layers.enumerated() {
      shapes.append(layer.parameterShapes(inputWidth: width))
      do { width = try layer.outputWidth(inputWidth: width) } catch {
        throw failure("network.layers[\(index)] (\(layer.configuration)) cannot take \(width) inputs: \(error)")
      }
    }
    return shapes
  }
}

import Foundation
import NNCore
import NNLayers

/// A model made again from its file through the registry: the network with its weights, the loss, the
/// optimizer and its state, every shape checked against what the layers need.
struct LoadedModel {
  /// The file as read.
  let file: ModelFile
  /// The network with the stored weights.
  let network: Sequential
  /// The stored loss.
  let loss: any Loss
  /// The stored optimizer.
  let optimizer: any Optimizer
  /// The stored optimizer state, by layer, in the order of each layer's parameters.
  let optimizerState: [[ParameterState]]

  /// Whether the model predicts classes (it stores class names).
  var isClassification: Bool { !file.classNames.isEmpty }

  /// Reads and checks a model file.
  ///
  /// - Parameters:
  ///   - path: The file's path.
  ///   - registry: The components the file may name.
  /// - Throws: ``CommandFailure``: 66 for a missing file, 65 for anything wrong inside (an unknown component,
  ///   listing the registered names; a missing, extra or misshapen weight or state).
  init(path: String, registry: Registry) throws {
    let file = try ModelFile.read(path: path)
    func failure(_ message: String) -> CommandFailure { CommandFailure("\(path): \(message)", status: .dataError) }
    func make<Product>(_ what: String, _ body: () throws -> Product) throws -> Product {
      do { return try body() } catch let error as ComponentError { throw failure("\(what): \(error)") }
    }
    var layers: [any Layer] = []
    for (index, configuration) in file.network.layers.enumerated() {
      layers.append(try make("network.layers[\(index)]") { try registry.layer(configuration.request) })
    }
    loss = try make("loss") { try registry.loss(file.loss.request) }
    optimizer = try make("optimizer") { try registry.optimizer(file.optimizer.configuration.request) }
    let shapes = try Self.shapes(layers: layers, inputWidth: file.network.inputWidth, path: path)
    let expected = Set(
      shapes.enumerated().flatMap { layer, list in
        list.map { ModelFile.parameterPath(layer: layer, name: $0.name) }
      })
    if let missing = expected.subtracting(file.weights.keys).sorted().first {
      throw failure("missing weight '\(missing)'")
    }
    if let extra = Set(file.weights.keys).subtracting(expected).sorted().first {
      throw failure("unexpected weight '\(extra)'")
    }
    if let missing = expected.subtracting(file.optimizer.state.keys).sorted().first {
      throw failure("missing optimizer state for '\(missing)'")
    }
    if let extra = Set(file.optimizer.state.keys).subtracting(expected).sorted().first {
      throw failure("unexpected optimizer state for '\(extra)'")
    }
    var parameters: [[Matrix]] = []
    var states: [[ParameterState]] = []
    for (layer, list) in shapes.enumerated() {
      var layerParameters: [Matrix] = []
      var layerStates: [ParameterState] = []
      for shape in list {
        let key = ModelFile.parameterPath(layer: layer, name: shape.name)
        let weight = file.weights[key]!
        guard weight.rows == shape.rows, weight.columns == shape.columns else {
          throw failure(
            "weight '\(key)' is \(weight.rows)×\(weight.columns), the layer needs \(shape.rows)×\(shape.columns)")
        }
        let stored = file.optimizer.state[key]!
        let names = optimizer.slotNames
        guard Set(stored.slots.keys) == Set(names) else {
          throw failure(
            "optimizer state for '\(key)' has slots [\(stored.slots.keys.sorted().joined(separator: ", "))], "
              + "\(optimizer.configuration.name) needs [\(names.joined(separator: ", "))]")
        }
        let slots = names.map { stored.slots[$0]! }
        if let bad = names.first(where: {
          stored.slots[$0]!.rows != shape.rows || stored.slots[$0]!.columns != shape.columns
        }) {
          throw failure(
            "optimizer slot '\(bad)' of '\(key)' does not have the weight's shape \(shape.rows)×\(shape.columns)")
        }
        guard stored.step >= 0 else { throw failure("optimizer state for '\(key)' has a negative step") }
        layerParameters.append(weight)
        layerStates.append(ParameterState(step: stored.step, slots: slots))
      }
      parameters.append(layerParameters)
      states.append(layerStates)
    }
    do {
      network = try Sequential(inputWidth: file.network.inputWidth, layers: layers, parameters: parameters)
    } catch {
      throw failure("the network cannot be built: \(error)")
    }
    if let standardization = file.standardization, standardization.featureCount != network.inputWidth {
      throw failure(
        "the standardisation has \(standardization.featureCount) features, the network takes \(network.inputWidth)")
    }
    let classCount = file.classNames.count
    if classCount > 0, network.outputWidth != classCount, !(classCount == 2 && network.outputWidth == 1) {
      throw failure("\(classCount) class names for a network with \(network.outputWidth) outputs")
    }
    self.file = file
    self.optimizerState = states
  }

  /// A trainer holding the stored network, loss, optimizer and optimizer state.
  ///
  /// - Parameter allowsFusedKernel: Whether the fused kernel for small dense networks may be used.
  func trainer(allowsFusedKernel: Bool = true) -> Trainer {
    var trainer = Trainer(network: network, loss: loss, optimizer: optimizer, allowsFusedKernel: allowsFusedKernel)
    trainer.optimizerState = optimizerState
    return trainer
  }

  private static func shapes(layers: [any Layer], inputWidth: Int, path: String) throws -> [[ParameterShape]] {
    guard inputWidth >= 1 else {
      throw CommandFailure("\(path): network.input_width must be at least 1, got \(inputWidth)", status: .dataError)
    }
    var width = inputWidth
    var shapes: [[ParameterShape]] = []
    for (index, layer) in layers.enumerated() {
      shapes.append(layer.parameterShapes(inputWidth: width))
      do { width = try layer.outputWidth(inputWidth: width) } catch {
        throw CommandFailure(
          "\(path): network.layers[\(index)] (\(layer.configuration)) cannot take \(width) inputs: \(error)",
          status: .dataError)
      }
    }
    return shapes
  }
}

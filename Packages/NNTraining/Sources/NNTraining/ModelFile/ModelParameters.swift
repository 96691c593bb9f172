import NNCore
import NNLayers

/// A model file's weights and optimizer state, checked against the shapes its layers need and put in layer order.
struct ModelParameters {
  /// The parameter matrices, by layer.
  let parameters: [[Matrix]]
  /// The optimizer state of each parameter, by layer.
  let states: [[ParameterState]]

  /// Checks that the file holds exactly the weights and states the layers need, each of the right shape and of
  /// the network's element type, with the optimizer's slots.
  ///
  /// - Parameters:
  ///   - file: The model file.
  ///   - shapes: Each layer's parameter shapes.
  ///   - slotNames: The optimizer's slot names.
  ///   - failure: Makes the error for a reason.
  init(file: ModelFile, shapes: [[ParameterShape]], slotNames: [String], failure: (String) -> ModelFileError)
    throws(ModelFileError)
  {
    let expected = Set(
      shapes.enumerated().flatMap { layer, list in list.map { ModelFile.parameterPath(layer: layer, name: $0.name) } })
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
        let elementType = file.network.elementType
        guard weight.elementType == elementType else {
          throw failure("weight '\(key)' is \(weight.elementType), network.element_type is \(elementType)")
        }
        let stored = file.optimizer.state[key]!
        guard Set(stored.slots.keys) == Set(slotNames) else {
          throw failure(
            "optimizer state for '\(key)' has slots [\(stored.slots.keys.sorted().joined(separator: ", "))], "
              + "\(file.optimizer.configuration.name) needs [\(slotNames.joined(separator: ", "))]")
        }
        let slots = slotNames.map { stored.slots[$0]! }
        if let bad = zip(slotNames, slots).first(where: { $1.rows != shape.rows || $1.columns != shape.columns }) {
          throw failure(
            "optimizer slot '\(bad.0)' of '\(key)' does not have the weight's shape \(shape.rows)×\(shape.columns)")
        }
        if let bad = zip(slotNames, slots).first(where: { $1.elementType != elementType }) {
          throw failure("optimizer slot '\(bad.0)' of '\(key)' is \(bad.1.elementType), the weight is \(elementType)")
        }
        guard stored.step >= 0 else { throw failure("optimizer state for '\(key)' has a negative step") }
        layerParameters.append(weight)
        layerStates.append(ParameterState(step: stored.step, slots: slots))
      }
      parameters.append(layerParameters)
      states.append(layerStates)
    }
    self.parameters = parameters
    self.states = states
  }
}

import NNCore

// Small components of every kind, defined here because NNCore has no concrete ones. Each reports the arguments
// it was made with, so tests can check what the registry handed to its factory.

/// `max(0, x)`, without parameters.
struct TestReLU: Activation {
  var configuration: ComponentConfiguration { ComponentConfiguration(name: "relu") }

  func forward(_ input: Matrix, into output: inout Matrix) {
    output.withUnsafeMutableBufferPointer { target in
      for (index, value) in input.elements.enumerated() { target[index] = max(0, value) }
    }
  }

  func backward(input: Matrix, output: Matrix, outputGradient: Matrix, into inputGradient: inout Matrix) {
    inputGradient.withUnsafeMutableBufferPointer { target in
      for index in target.indices {
        target[index] = input.elements[index] > 0 ? outputGradient.elements[index] : 0
      }
    }
  }
}

/// `x` for `x > 0`, else `negativeSlope · x`.
struct TestLeakyReLU: Activation {
  let negativeSlope: Double

  var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "leaky_relu", arguments: ["negative_slope": .number(negativeSlope)])
  }

  func forward(_ input: Matrix, into output: inout Matrix) {
    output.withUnsafeMutableBufferPointer { target in
      for (index, value) in input.elements.enumerated() { target[index] = value > 0 ? value : negativeSlope * value }
    }
  }

  func backward(input: Matrix, output: Matrix, outputGradient: Matrix, into inputGradient: inout Matrix) {
    inputGradient.withUnsafeMutableBufferPointer { target in
      for index in target.indices {
        target[index] = outputGradient.elements[index] * (input.elements[index] > 0 ? 1 : negativeSlope)
      }
    }
  }
}

/// An activation registered only for its name; it copies its input.
struct TestNamedIdentity: Activation {
  let name: String

  var configuration: ComponentConfiguration { ComponentConfiguration(name: name) }

  func forward(_ input: Matrix, into output: inout Matrix) { output.assign(input) }

  func backward(input: Matrix, output: Matrix, outputGradient: Matrix, into inputGradient: inout Matrix) {
    inputGradient.assign(outputGradient)
  }
}

/// A dense layer's configuration only: `units` outputs, with or without a bias. Its forward pass writes zeros.
struct TestDense: Layer {
  let units: Int
  let bias: Bool

  var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "dense", arguments: ["units": .integer(units), "bias": .boolean(bias)])
  }

  func outputWidth(inputWidth: Int) throws -> Int { units }

  func forward(
    _ input: Matrix, parameters: [Matrix], into output: inout Matrix, workspace: inout LayerWorkspace,
    mode: ForwardMode
  ) {
    output.fill(0)
  }

  func backward(
    input: Matrix, output: Matrix, outputGradient: Matrix, parameters: [Matrix],
    parameterGradients: inout [Matrix], inputGradient: inout Matrix, computeInputGradient: Bool,
    workspace: inout LayerWorkspace
  ) {
    inputGradient.fill(0)
  }
}

/// An activation standing as a layer, as `registerActivationLayer` makes it.
struct TestActivationLayer: Layer {
  let activation: any Activation

  var configuration: ComponentConfiguration { activation.configuration }

  func outputWidth(inputWidth: Int) throws -> Int { inputWidth }

  func forward(
    _ input: Matrix, parameters: [Matrix], into output: inout Matrix, workspace: inout LayerWorkspace,
    mode: ForwardMode
  ) {
    activation.forward(input, into: &output)
  }

  func backward(
    input: Matrix, output: Matrix, outputGradient: Matrix, parameters: [Matrix],
    parameterGradients: inout [Matrix], inputGradient: inout Matrix, computeInputGradient: Bool,
    workspace: inout LayerWorkspace
  ) {
    activation.backward(input: input, output: output, outputGradient: outputGradient, into: &inputGradient)
  }
}

/// The squared error, summed or averaged over the elements.
struct TestMeanSquaredError: Loss {
  let reduction: Reduction

  var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "mse", arguments: ["reduction": .text(reduction.rawValue)])
  }

  func value(predictions: Matrix, targets: Matrix) -> Double {
    let sum = zip(predictions.elements, targets.elements).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    return reduction == .sum ? sum : sum / Double(max(1, predictions.count))
  }

  func gradient(predictions: Matrix, targets: Matrix, into gradient: inout Matrix) -> Double {
    let scale = reduction == .sum ? 2 : 2 / Double(max(1, predictions.count))
    gradient.withUnsafeMutableBufferPointer { target in
      for index in target.indices { target[index] = scale * (predictions.elements[index] - targets.elements[index]) }
    }
    return value(predictions: predictions, targets: targets)
  }
}

/// Gradient descent with optional momentum: `θ ← θ − η · g`.
struct TestGradientDescent: Optimizer {
  let learningRate: Double
  let momentum: Double

  var configuration: ComponentConfiguration {
    ComponentConfiguration(
      name: "sgd", arguments: ["learning_rate": .number(learningRate), "momentum": .number(momentum)])
  }

  var slotNames: [String] { momentum == 0 ? [] : ["momentum_buffer"] }

  func update(_ parameter: inout Matrix, gradient: Matrix, state: inout ParameterState, learningRate: Double) {
    parameter.add(gradient, scaledBy: -learningRate)
    state.step += 1
  }
}

/// Fills every weight with `value`.
struct TestConstantInitializer: Initializer {
  let value: Double

  var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "constant", arguments: ["value": .number(value)])
  }

  func initialize(_ matrix: inout Matrix, fanIn: Int, fanOut: Int, random: RandomSource) { matrix.fill(value) }
}

/// Registers the activations `relu`, `leaky_relu(negative_slope=0.01)`, `sigmoid` and `tanh`.
enum TestActivationsPlugin: Plugin {
  static func register(in registrar: inout Registrar) {
    registrar.register(activation: ComponentEntry(name: "relu", summary: "max(0, x)") { _ in TestReLU() })
    registrar.register(
      activation: ComponentEntry(
        name: "leaky_relu", summary: "x, or a·x below zero",
        parameters: [ParameterDeclaration("negative_slope", .number, default: .number(0.01), summary: "a")]
      ) { arguments in TestLeakyReLU(negativeSlope: try arguments.number("negative_slope")) })
    registrar.register(
      activation: ComponentEntry(name: "sigmoid", summary: "1/(1 + e⁻ˣ)") { _ in TestNamedIdentity(name: "sigmoid") })
    registrar.register(
      activation: ComponentEntry(name: "tanh", summary: "tanh x") { _ in TestNamedIdentity(name: "tanh") })
  }
}

/// Registers the layer `dense(units, bias=true)` and how activations become layers.
enum TestLayersPlugin: Plugin {
  static func register(in registrar: inout Registrar) {
    registrar.register(layer: denseEntry)
    registrar.registerActivationLayer { TestActivationLayer(activation: $0) }
  }

  /// `dense(units, bias=true)`; the factory rejects fewer than one unit.
  static let denseEntry = ComponentEntry<any Layer>(
    name: "dense", summary: "x·W + b",
    parameters: [
      ParameterDeclaration("units", .integer, summary: "outputs"),
      ParameterDeclaration("bias", .boolean, default: .boolean(true), summary: "whether to add b"),
    ]
  ) { arguments in
    let units = try arguments.integer("units")
    guard units >= 1 else {
      throw ComponentError.invalidArgument(component: "dense", parameter: "units", reason: "must be at least 1")
    }
    return TestDense(units: units, bias: try arguments.boolean("bias"))
  }
}

/// Registers `dense` without making activations available as layers.
enum TestLayersWithoutActivationsPlugin: Plugin {
  static func register(in registrar: inout Registrar) {
    registrar.register(layer: TestLayersPlugin.denseEntry)
  }
}

/// Registers the loss `mse(reduction=mean)`, the optimizer `sgd(learning_rate, momentum=0)` and the
/// initializer `constant(value=0)`.
enum TestTrainingPlugin: Plugin {
  static func register(in registrar: inout Registrar) {
    registrar.register(
      loss: ComponentEntry(
        name: "mse", summary: "squared error",
        parameters: [ParameterDeclaration("reduction", .text, default: .text("mean"), summary: "mean or sum")]
      ) { arguments in
        let text = try arguments.text("reduction")
        guard let reduction = Reduction(rawValue: text) else {
          throw ComponentError.invalidArgument(component: "mse", parameter: "reduction", reason: "mean or sum")
        }
        return TestMeanSquaredError(reduction: reduction)
      })
    registrar.register(
      optimizer: ComponentEntry(
        name: "sgd", summary: "gradient descent",
        parameters: [
          ParameterDeclaration("learning_rate", .number, summary: "η"),
          ParameterDeclaration("momentum", .number, default: .number(0), summary: "μ"),
        ]
      ) { arguments in
        TestGradientDescent(
          learningRate: try arguments.number("learning_rate"), momentum: try arguments.number("momentum"))
      })
    registrar.register(
      initializer: ComponentEntry(
        name: "constant", summary: "every weight the same",
        parameters: [ParameterDeclaration("value", .number, default: .number(0), summary: "the weight")]
      ) { arguments in TestConstantInitializer(value: try arguments.number("value")) })
  }
}

/// Registers a second `relu` activation, clashing with ``TestActivationsPlugin``.
enum TestDuplicateActivationPlugin: Plugin {
  static func register(in registrar: inout Registrar) {
    registrar.register(activation: ComponentEntry(name: "relu", summary: "another relu") { _ in TestReLU() })
  }
}

/// Registers a layer named `tanh`, clashing with ``TestActivationsPlugin``'s activation.
enum TestClashingLayerPlugin: Plugin {
  static func register(in registrar: inout Registrar) {
    registrar.register(
      layer: ComponentEntry(name: "tanh", summary: "a layer named like an activation") { _ in
        TestDense(units: 1, bias: false)
      })
  }
}

/// Registers the same loss name twice by itself.
enum TestSelfDuplicatingPlugin: Plugin {
  static func register(in registrar: inout Registrar) {
    for _ in 0..<2 {
      registrar.register(
        loss: ComponentEntry(name: "hinge", summary: "max(0, 1 − y·ŷ)") { _ in TestMeanSquaredError(reduction: .mean) })
    }
  }
}

/// The registry made of the test plugins: four activations, `dense`, `mse`, `sgd` and `constant`.
func makeTestRegistry() throws -> Registry {
  try Registry(plugins: [TestActivationsPlugin.self, TestLayersPlugin.self, TestTrainingPlugin.self])
}

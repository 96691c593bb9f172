import NNCore
import NNLayers
import Testing

/// One table-driven suite over every registered component: gradients against central finite differences,
/// creation by name, and the configuration round trip. A newly registered component is covered at once.
@Suite("Conformance of every registered component")
struct ConformanceTests {
  static let registry = TestRegistry.shared

  @Test("activation gradient matches finite differences", arguments: registry.names(of: .activation))
  func activationGradient(name: String) throws {
    let activation = try Self.registry.activation(TestRegistry.sampleRequest(for: name, kind: .activation))
    let random = RandomSource(seed: 11)
    let input = Matrix.random(rows: 3, columns: 5, in: random, gap: 0.05)
    let upstream = Matrix.random(rows: 3, columns: 5, in: random)
    var output = Matrix(rows: 3, columns: 5)
    activation.forward(input, into: &output)
    var gradient = Matrix(rows: 3, columns: 5)
    activation.backward(input: input, output: output, outputGradient: upstream, into: &gradient)
    let expected = FiniteDifference.gradient(at: input) { point in
      var result = Matrix(rows: 3, columns: 5)
      activation.forward(point, into: &result)
      return result.dot(upstream)
    }
    #expect(FiniteDifference.maximumRelativeError(gradient, expected) < 1e-6)
  }

  @Test("loss gradient matches finite differences", arguments: registry.names(of: .loss), Reduction.allCases)
  func lossGradient(name: String, reduction: Reduction) throws {
    var request = TestRegistry.sampleRequest(for: name, kind: .loss)
    request.named["reduction"] = .text(reduction.rawValue)
    let loss = try Self.registry.loss(request)
    #expect(loss.reduction == reduction)
    let random = RandomSource(seed: 12)
    let predictions = Matrix.random(rows: 4, columns: 3, in: random, minimum: 0.05, maximum: 0.95)
    let targets = Matrix.oneHotRows([0, 2, 1, 2], classes: 3)
    var gradient = Matrix(rows: 4, columns: 3)
    let value = loss.gradient(predictions: predictions, targets: targets, into: &gradient)
    #expect(abs(value - loss.value(predictions: predictions, targets: targets)) <= 1e-14 * max(1, abs(value)))
    let expected = FiniteDifference.gradient(at: predictions) { loss.value(predictions: $0, targets: targets) }
    #expect(FiniteDifference.maximumRelativeError(gradient, expected) < 1e-6)
  }

  /// Input widths for layers that cannot take 5 inputs (`maxout_pool` needs a multiple of its pieces).
  static let layerInputWidths = ["maxout_pool": 8]

  @Test("layer gradients match finite differences", arguments: registry.names(of: .layer))
  func layerGradients(name: String) throws {
    let layer = try Self.registry.layer(TestRegistry.sampleRequest(for: name, kind: .layer))
    let random = RandomSource(seed: 13)
    let inputWidth = Self.layerInputWidths[name] ?? 5
    let outputWidth = try layer.outputWidth(inputWidth: inputWidth)
    let input = Matrix.random(rows: 3, columns: inputWidth, in: random, gap: 0.05)
    let parameters = layer.parameterShapes(inputWidth: inputWidth).map {
      Matrix.random(rows: $0.rows, columns: $0.columns, in: random, minimum: -1, maximum: 1)
    }
    let upstream = Matrix.random(rows: 3, columns: outputWidth, in: random)
    func objective(_ input: Matrix, _ parameters: [Matrix]) -> Double {
      var output = Matrix(rows: input.rows, columns: outputWidth)
      var workspace = layer.makeWorkspace(inputWidth: inputWidth)
      layer.forward(input, parameters: parameters, into: &output, workspace: &workspace, mode: .inference)
      return output.dot(upstream)
    }
    var output = Matrix(rows: 3, columns: outputWidth)
    var workspace = layer.makeWorkspace(inputWidth: inputWidth)
    layer.forward(input, parameters: parameters, into: &output, workspace: &workspace, mode: .inference)
    var parameterGradients = parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
    var inputGradient = Matrix(rows: 3, columns: inputWidth)
    layer.backward(
      input: input, output: output, outputGradient: upstream, parameters: parameters,
      parameterGradients: &parameterGradients, inputGradient: &inputGradient, computeInputGradient: true,
      workspace: &workspace)
    let expectedInput = FiniteDifference.gradient(at: input) { objective($0, parameters) }
    #expect(FiniteDifference.maximumRelativeError(inputGradient, expectedInput) < 1e-6)
    for index in parameters.indices {
      let expected = FiniteDifference.gradient(at: parameters[index]) { value in
        var changed = parameters
        changed[index] = value
        return objective(input, changed)
      }
      #expect(FiniteDifference.maximumRelativeError(parameterGradients[index], expected) < 1e-6)
    }
  }

  @Test("configuration round-trips through the registry", arguments: ComponentKind.allCases)
  func roundTrip(kind: ComponentKind) throws {
    let registry = Self.registry
    for name in registry.names(of: kind) {
      let request = TestRegistry.sampleRequest(for: name, kind: kind)
      let make: (ComponentRequest) throws -> ComponentConfiguration =
        switch kind {
        case .activation: { try registry.activation($0).configuration }
        case .layer: { try registry.layer($0).configuration }
        case .loss: { try registry.loss($0).configuration }
        case .optimizer: { try registry.optimizer($0).configuration }
        case .initializer: { try registry.initializer($0).configuration }
        }
      let configuration = try make(request)
      let again = try make(configuration.request)
      let fromText = try make(ComponentRequest(parsing: configuration.description))
      #expect(fromText == configuration, "\(name) does not round-trip through '\(configuration)'")
      #expect(configuration.name == name, "\(kind.rawValue) '\(name)' reports the name '\(configuration.name)'")
      #expect(again == configuration, "\(kind.rawValue) '\(name)' does not round-trip")
      let declared = registry.descriptions(of: kind).first { $0.name == name }?.parameters.map(\.name)
      if let declared {
        #expect(Set(configuration.arguments.keys) == Set(declared), "\(name) must save every declared parameter")
      }
    }
  }

  @Test("every built-in name is registered")
  func builtInNames() {
    let registry = Self.registry
    let activations = Set(registry.names(of: .activation))
    for name in [
      "identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "softplus", "gelu", "swish", "silu",
      "hard_sigmoid", "softmax", "log_softmax",
    ] {
      #expect(activations.contains(name), "\(name)")
    }
    #expect(
      Set(registry.names(of: .loss)).isSuperset(of: [
        "mse", "mae", "huber", "binary_cross_entropy", "binary_cross_entropy_with_logits", "softmax_cross_entropy",
        "hinge",
      ]))
    #expect(Set(registry.names(of: .layer)).isSuperset(of: ["dense", "dropout", "maxout", "maxout_pool"]))
    #expect(
      Set(registry.names(of: .initializer)).isSuperset(of: [
        "normal", "uniform", "scaled_normal", "xavier_uniform", "xavier_normal", "he_normal", "he_uniform",
        "lecun_normal", "zeros",
      ]))
    #expect(Set(registry.names(of: .optimizer)).isSuperset(of: ["sgd", "momentum", "nesterov"]))
  }

  @Test("misspelt names suggest the closest registered one")
  func didYouMean() {
    #expect(throws: ComponentError.self) { try Self.registry.activation("sigmiod") }
    do {
      _ = try Self.registry.layer("rleu")
      Issue.record("an unknown layer name must throw")
    } catch {
      #expect("\(error)".contains("did you mean 'relu'"))
    }
  }
}

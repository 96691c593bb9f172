import NNCore
import NNLayers
import Testing

/// One table-driven suite over every registered component: gradients against central finite differences,
/// creation by name, and the configuration round trip. A newly registered component is covered at once.
@Suite("Conformance of every registered component")
struct ConformanceTests {
  static let registry = TestRegistry.shared

  /// The shared harness: central finite differences at random points kept clear of 0.
  static let check = GradientCheck(registry: registry, tolerance: 1e-6)

  @Test("activation gradient matches finite differences", arguments: registry.names(of: .activation))
  func activationGradient(name: String) throws {
    let result = try Self.check.activation(Self.check.sampleRequest(name, .activation))
    #expect(result.maximumRelativeError < 1e-6, "\(result.name): \(result.maximumRelativeError)")
  }

  @Test("loss gradient matches finite differences", arguments: registry.names(of: .loss), Reduction.allCases)
  func lossGradient(name: String, reduction: Reduction) throws {
    var request = Self.check.sampleRequest(name, .loss)
    request.named["reduction"] = .text(reduction.rawValue)
    #expect(try Self.registry.loss(request).reduction == reduction)
    let result = try Self.check.loss(request)
    #expect(result.maximumRelativeError < 1e-6, "\(result.name): \(result.maximumRelativeError)")
  }

  @Test("loss value and gradient report the same loss", arguments: registry.names(of: .loss))
  func lossValueAgreesWithGradient(name: String) throws {
    let loss = try Self.registry.loss(Self.check.sampleRequest(name, .loss))
    let predictions = Matrix.random(rows: 4, columns: 3, in: RandomSource(seed: 12), minimum: 0.05, maximum: 0.95)
    let targets = Matrix.oneHotRows([0, 2, 1, 2], classes: 3)
    var gradient = Matrix(rows: 4, columns: 3)
    let value = loss.gradient(predictions: predictions, targets: targets, into: &gradient)
    #expect(abs(value - loss.value(predictions: predictions, targets: targets)) <= 1e-14 * max(1, abs(value)))
  }

  @Test("layer gradients match finite differences", arguments: registry.names(of: .layer))
  func layerGradients(name: String) throws {
    let result = try Self.check.layer(Self.check.sampleRequest(name, .layer))
    #expect(result.maximumRelativeError < 1e-6, "\(result.name): \(result.maximumRelativeError)")
  }

  @Test("a small network's gradients match finite differences end to end")
  func network() throws {
    let result = try Self.check.network()
    #expect(result.maximumRelativeError < 1e-5, "\(result.maximumRelativeError)")
  }

  @Test("configuration round-trips through the registry", arguments: ComponentKind.allCases)
  func roundTrip(kind: ComponentKind) throws {
    let registry = Self.registry
    for name in registry.names(of: kind) {
      let request = Self.check.sampleRequest(name, kind)
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

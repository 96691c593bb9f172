import NNCore
import NNLayers
import Testing

/// One table-driven suite over every registered activation, loss and layer, through ``ConformanceCheck``:
/// gradients against central finite differences (losses under both reductions), shapes, lookup by name and the
/// configuration round trip. A newly registered component is covered at once.
@Suite("Conformance of every registered component")
struct ConformanceTests {
  static let registry = TestRegistry.shared

  /// The shared harness: central finite differences at random points kept clear of 0.
  static let check = GradientCheck(registry: registry, tolerance: 1e-6)

  /// Every name registered as an activation, a loss or a layer.
  static let differentiableNames = Set(
    registry.names(of: .activation) + registry.names(of: .loss) + registry.names(of: .layer)
  ).sorted()

  @Test("every activation, loss and layer passes every conformance check", arguments: differentiableNames)
  func conforms(name: String) throws {
    let report = try ConformanceCheck(registry: Self.registry).run(component: name)
    #expect(report.passed, "\(report)")
    for kind in Self.registry.kinds(named: name) {
      let names = Set(report.checks.filter { $0.kind == kind }.map(\.name))
      var expected: Set<String> =
        kind == .loss
        ? ["lookup by name", "configuration round trip", "shapes", "value agrees with gradient", "gradient"]
        : ["lookup by name", "configuration round trip", "shapes", "gradient"]
      if try Self.computesInFloat32(name, kind) { expected.insert("float32") }
      #expect(names == expected, "\(kind.rawValue) \(name): \(report)")
    }
    #expect(report.checks.filter { $0.name == "gradient" }.allSatisfy { $0.maximumRelativeError ?? 1 < 1e-6 })
  }

  /// Whether the component `name` made as a `kind` declares it computes in `float32`.
  static func computesInFloat32(_ name: String, _ kind: ComponentKind) throws -> Bool {
    let request = check.sampleRequest(name, kind)
    switch kind {
    case .activation: return try registry.activation(request).supportedElementTypes.contains(.float32)
    case .layer: return try registry.layer(request).supportedElementTypes.contains(.float32)
    case .loss: return try registry.loss(request).supportedElementTypes.contains(.float32)
    case .optimizer: return try registry.optimizer(request).supportedElementTypes.contains(.float32)
    case .initializer: return false
    }
  }

  @Test("an activation is checked as an activation and as a layer, in float32 too")
  func activationAsLayer() throws {
    let report = try ConformanceCheck(registry: Self.registry).run(component: "tanh")
    #expect(Set(report.checks.map(\.kind)) == [.activation, .layer])
    #expect(report.checks.count == 10)
    #expect(report.checks.filter { $0.name == "float32" }.allSatisfy { ($0.maximumRelativeError ?? 1) < 1e-6 })
  }

  @Test("a loss's gradient is checked under both reductions", arguments: registry.names(of: .loss))
  func lossReductions(name: String) throws {
    let report = try ConformanceCheck(registry: Self.registry).run(component: name)
    let gradients = report.checks.filter { $0.name == "gradient" }
    #expect(gradients.count == 2)
    #expect(gradients.contains { $0.component.contains("reduction=mean") }, "\(report)")
    #expect(gradients.contains { $0.component.contains("reduction=sum") }, "\(report)")
    for reduction in Reduction.allCases {
      var request = Self.check.sampleRequest(name, .loss)
      request.named["reduction"] = .text(reduction.rawValue)
      #expect(try Self.registry.loss(request).reduction == reduction)
    }
  }

  @Test("a small network's gradients match finite differences end to end")
  func network() throws {
    let result = try Self.check.network()
    #expect(result.maximumRelativeError < 1e-5, "\(result.maximumRelativeError)")
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

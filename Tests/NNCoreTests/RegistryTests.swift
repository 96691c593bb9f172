import NNCore
import Testing

/// Making components through a `Registry` built from the test plugins: names, arguments, defaults, coercion,
/// listings, activations standing as layers, and configuration round trips.
@Suite("Registry lookup")
struct RegistryTests {
  @Test("an activation without parameters is made by name, with or without parentheses")
  func activationByName() throws {
    let registry = try makeTestRegistry()
    #expect(try registry.activation("relu") is TestReLU)
    #expect(try registry.activation("relu()") is TestReLU)
    #expect(try registry.activation(" relu ( ) ") is TestReLU)
  }

  @Test("a named argument reaches the factory, and a missing one takes its default")
  func namedArgumentsAndDefaults() throws {
    let registry = try makeTestRegistry()
    let given = try #require(try registry.activation("leaky_relu(negative_slope=0.1)") as? TestLeakyReLU)
    #expect(given.negativeSlope == 0.1)
    let defaulted = try #require(try registry.activation("leaky_relu") as? TestLeakyReLU)
    #expect(defaulted.negativeSlope == 0.01)
  }

  @Test("positional arguments fill the declared parameters in order")
  func positionalArguments() throws {
    let registry = try makeTestRegistry()
    let dense = try #require(try registry.layer("dense(12)") as? TestDense)
    #expect(dense.units == 12 && dense.bias)
    let withoutBias = try #require(try registry.layer("dense(12, false)") as? TestDense)
    #expect(withoutBias.units == 12 && !withoutBias.bias)
    let mixed = try #require(try registry.layer("dense(7, bias=false)") as? TestDense)
    #expect(mixed.units == 7 && !mixed.bias)
    let sgd = try #require(try registry.optimizer("sgd(0.5, 0.9)") as? TestGradientDescent)
    #expect(sgd.learningRate == 0.5 && sgd.momentum == 0.9)
  }

  @Test("an integer is accepted for a number, and a whole number for an integer")
  func coercion() throws {
    let registry = try makeTestRegistry()
    let slope = try #require(try registry.activation("leaky_relu(1)") as? TestLeakyReLU)
    #expect(slope.negativeSlope == 1.0)
    #expect(slope.configuration.arguments["negative_slope"] == .number(1))
    let dense = try #require(try registry.layer("dense(units=2.0)") as? TestDense)
    #expect(dense.units == 2)
    #expect(dense.configuration.arguments["units"] == .integer(2))
  }

  @Test("requests made in code work like parsed specifications")
  func requestsInCode() throws {
    let registry = try makeTestRegistry()
    let sgd = try #require(
      try registry.optimizer(ComponentRequest(name: "sgd", positional: [.integer(1)])) as? TestGradientDescent)
    #expect(sgd.learningRate == 1 && sgd.momentum == 0)
    let loss = try registry.loss(ComponentRequest(name: "mse", named: ["reduction": .text("sum")]))
    #expect(loss.reduction == .sum)
    let initializer = try #require(
      try registry.initializer(ComponentRequest(name: "constant", named: ["value": .number(-2)]))
        as? TestConstantInitializer)
    #expect(initializer.value == -2)
  }

  @Test("quoted text reaches a text parameter without its quotes")
  func quotedText() throws {
    let registry = try makeTestRegistry()
    #expect(try registry.loss(#"mse(reduction="sum")"#).reduction == .sum)
    #expect(try registry.loss("mse(reduction='mean')").reduction == .mean)
  }

  @Test("a registered activation's name gives that activation as a layer")
  func activationAsLayer() throws {
    let registry = try makeTestRegistry()
    let layer = try #require(try registry.layer("leaky_relu(negative_slope=0.3)") as? TestActivationLayer)
    let activation = try #require(layer.activation as? TestLeakyReLU)
    #expect(activation.negativeSlope == 0.3)
    #expect(
      layer.configuration == ComponentConfiguration(name: "leaky_relu", arguments: ["negative_slope": .number(0.3)]))
    // leaky_relu with a = 0.3 on [−2, 3] gives [−0.6, 3].
    var output = Matrix(rows: 1, columns: 2)
    var workspace = LayerWorkspace()
    layer.forward(Matrix([[-2, 3]]), parameters: [], into: &output, workspace: &workspace, mode: .inference)
    expectMatrix(output, rows: 1, columns: 2, [-0.6, 3], tolerance: 1e-15)
    #expect(try registry.layer(ComponentRequest(name: "tanh")).configuration == ComponentConfiguration(name: "tanh"))
  }

  @Test("without registerActivationLayer, activation names are not layers")
  func noActivationLayerFallback() throws {
    let registry = try Registry(plugins: [TestActivationsPlugin.self, TestLayersWithoutActivationsPlugin.self])
    let error = #expect(throws: ComponentError.self) { try registry.layer("relu") }
    #expect(error == .unknownComponent(kind: .layer, name: "relu", known: ["dense"], suggestion: nil))
    #expect(registry.names(of: .layer) == ["dense"])
  }

  @Test("names(of:) lists each kind sorted, layers followed by the activations")
  func namesOfEachKind() throws {
    let registry = try makeTestRegistry()
    #expect(registry.names(of: .activation) == ["leaky_relu", "relu", "sigmoid", "tanh"])
    #expect(registry.names(of: .layer) == ["dense", "leaky_relu", "relu", "sigmoid", "tanh"])
    #expect(registry.names(of: .loss) == ["mse"])
    #expect(registry.names(of: .optimizer) == ["sgd"])
    #expect(registry.names(of: .initializer) == ["constant"])
  }

  @Test("the order of the plugins does not change the listings")
  func pluginOrder() throws {
    let forward = try makeTestRegistry()
    let backward = try Registry(plugins: [TestTrainingPlugin.self, TestLayersPlugin.self, TestActivationsPlugin.self])
    for kind in ComponentKind.allCases {
      #expect(forward.names(of: kind) == backward.names(of: kind), "\(kind)")
    }
  }

  @Test("descriptions(of:) gives each entry's kind, name, summary and parameters, sorted by name")
  func descriptionsOfEachKind() throws {
    let registry = try makeTestRegistry()
    let activations = registry.descriptions(of: .activation)
    #expect(activations.map(\.name) == ["leaky_relu", "relu", "sigmoid", "tanh"])
    #expect(activations.allSatisfy { $0.kind == .activation })
    #expect(activations[0].summary == "x, or a·x below zero")
    #expect(activations[0].parameters.map(\.name) == ["negative_slope"])
    #expect(activations[0].parameters.first?.defaultValue == .number(0.01))
    #expect(activations[1].parameters.isEmpty)
    let layers = registry.descriptions(of: .layer)
    #expect(layers.map(\.name) == ["dense"])
    #expect(layers.first?.kind == .layer)
    #expect(layers.first?.parameters.map(\.name) == ["units", "bias"])
    #expect(layers.first?.parameters.map(\.kind) == [.integer, .boolean])
    #expect(registry.descriptions(of: .optimizer).map(\.name) == ["sgd"])
    #expect(registry.descriptions(of: .optimizer).first?.parameters.first?.defaultValue == nil)
  }

  @Test("a registry without plugins knows nothing")
  func emptyRegistry() throws {
    let registry = try Registry(plugins: [])
    for kind in ComponentKind.allCases {
      #expect(registry.names(of: kind).isEmpty)
      #expect(registry.descriptions(of: kind).isEmpty)
    }
    let error = #expect(throws: ComponentError.self) { try registry.activation("relu") }
    #expect(error == .unknownComponent(kind: .activation, name: "relu", known: [], suggestion: nil))
  }
}

/// `make(configuration.request).configuration == configuration` for every kind, against configurations
/// written by hand for each specification.
@Suite("Registry configuration round trip")
struct RegistryRoundTripTests {
  /// A specification, its kind, and the configuration it must give (coerced, defaults filled in).
  struct Case: Sendable, CustomTestStringConvertible {
    let kind: ComponentKind
    let specification: String
    let expected: ComponentConfiguration
    var testDescription: String { "\(kind.rawValue) \(specification)" }
  }

  static let cases: [Case] = [
    Case(kind: .activation, specification: "relu", expected: ComponentConfiguration(name: "relu")),
    Case(
      kind: .activation, specification: "leaky_relu",
      expected: ComponentConfiguration(name: "leaky_relu", arguments: ["negative_slope": .number(0.01)])),
    Case(
      kind: .activation, specification: "leaky_relu(1)",
      expected: ComponentConfiguration(name: "leaky_relu", arguments: ["negative_slope": .number(1)])),
    Case(
      kind: .layer, specification: "dense(12)",
      expected: ComponentConfiguration(name: "dense", arguments: ["units": .integer(12), "bias": .boolean(true)])),
    Case(
      kind: .layer, specification: "dense(units=3.0, bias=false)",
      expected: ComponentConfiguration(name: "dense", arguments: ["units": .integer(3), "bias": .boolean(false)])),
    Case(
      kind: .layer, specification: "leaky_relu(negative_slope=0.3)",
      expected: ComponentConfiguration(name: "leaky_relu", arguments: ["negative_slope": .number(0.3)])),
    Case(kind: .layer, specification: "sigmoid", expected: ComponentConfiguration(name: "sigmoid")),
    Case(
      kind: .loss, specification: "mse",
      expected: ComponentConfiguration(name: "mse", arguments: ["reduction": .text("mean")])),
    Case(
      kind: .loss, specification: #"mse(reduction="sum")"#,
      expected: ComponentConfiguration(name: "mse", arguments: ["reduction": .text("sum")])),
    Case(
      kind: .optimizer, specification: "sgd(0.1)",
      expected: ComponentConfiguration(
        name: "sgd", arguments: ["learning_rate": .number(0.1), "momentum": .number(0)])),
    Case(
      kind: .optimizer, specification: "sgd(learning_rate=1, momentum=0.9)",
      expected: ComponentConfiguration(
        name: "sgd", arguments: ["learning_rate": .number(1), "momentum": .number(0.9)])),
    Case(
      kind: .initializer, specification: "constant",
      expected: ComponentConfiguration(name: "constant", arguments: ["value": .number(0)])),
    Case(
      kind: .initializer, specification: "constant(-2)",
      expected: ComponentConfiguration(name: "constant", arguments: ["value": .number(-2)])),
  ]

  @Test("the configuration is the one written by hand, and making its request gives it back", arguments: cases)
  func roundTrip(testCase: Case) throws {
    let registry = try makeTestRegistry()
    let configuration = try Self.make(testCase.kind, ComponentRequest(parsing: testCase.specification), registry)
    #expect(configuration == testCase.expected)
    #expect(try Self.make(testCase.kind, configuration.request, registry) == configuration)
    #expect(
      try Self.make(testCase.kind, ComponentRequest(parsing: configuration.description), registry) == configuration)
  }

  /// Makes a component of `kind` and returns its configuration.
  static func make(_ kind: ComponentKind, _ request: ComponentRequest, _ registry: Registry) throws
    -> ComponentConfiguration
  {
    switch kind {
    case .activation: try registry.activation(request).configuration
    case .layer: try registry.layer(request).configuration
    case .loss: try registry.loss(request).configuration
    case .optimizer: try registry.optimizer(request).configuration
    case .initializer: try registry.initializer(request).configuration
    }
  }
}

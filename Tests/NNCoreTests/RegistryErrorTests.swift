import NNCore
import Testing

/// What a `Registry` reports for bad names, bad arguments and clashing plugins, and the words its messages use.
@Suite("Registry errors")
struct RegistryErrorTests {
  @Test("an unknown activation names itself, suggests the closest name and lists the known ones")
  func unknownActivation() throws {
    let registry = try makeTestRegistry()
    let error = #expect(throws: ComponentError.self) { try registry.activation("rellu") }
    #expect(
      error
        == .unknownComponent(
          kind: .activation, name: "rellu", known: ["leaky_relu", "relu", "sigmoid", "tanh"], suggestion: "relu"))
    let text = try #require(error).description
    #expect(text.contains("unknown activation 'rellu'"))
    #expect(text.contains("did you mean 'relu'?"))
    #expect(text.contains("known activations: leaky_relu, relu, sigmoid, tanh"))
  }

  @Test("a far-off name gets no suggestion")
  func unknownWithoutSuggestion() throws {
    let registry = try makeTestRegistry()
    let error = #expect(throws: ComponentError.self) { try registry.activation("convolution") }
    #expect(
      error
        == .unknownComponent(
          kind: .activation, name: "convolution", known: ["leaky_relu", "relu", "sigmoid", "tanh"], suggestion: nil))
    #expect(error?.description.contains("did you mean") == false)
  }

  @Test("an unknown layer is compared with layer and activation names")
  func unknownLayer() throws {
    let registry = try makeTestRegistry()
    let misspeltLayer = #expect(throws: ComponentError.self) { try registry.layer("dens(3)") }
    #expect(
      misspeltLayer
        == .unknownComponent(
          kind: .layer, name: "dens", known: ["dense", "leaky_relu", "relu", "sigmoid", "tanh"], suggestion: "dense"))
    let misspeltActivation = #expect(throws: ComponentError.self) { try registry.layer("sigmod") }
    #expect(
      misspeltActivation
        == .unknownComponent(
          kind: .layer, name: "sigmod", known: ["dense", "leaky_relu", "relu", "sigmoid", "tanh"],
          suggestion: "sigmoid"))
    #expect(misspeltActivation?.description.contains("known layers: dense, leaky_relu") == true)
  }

  @Test("unknown losses, optimizers and initializers are reported with their own kind")
  func unknownOtherKinds() throws {
    let registry = try makeTestRegistry()
    #expect(throws: ComponentError.unknownComponent(kind: .loss, name: "mae", known: ["mse"], suggestion: "mse")) {
      try registry.loss("mae")
    }
    #expect(throws: ComponentError.unknownComponent(kind: .optimizer, name: "adam", known: ["sgd"], suggestion: nil)) {
      try registry.optimizer("adam(0.1)")
    }
    let error = #expect(throws: ComponentError.self) { try registry.initializer("constnt") }
    #expect(
      error == .unknownComponent(kind: .initializer, name: "constnt", known: ["constant"], suggestion: "constant"))
    #expect(error?.description.contains("unknown initializer 'constnt'") == true)
    #expect(error?.description.contains("known initializers: constant") == true)
  }

  @Test("an unknown parameter is named with the parameters the component accepts")
  func unknownParameter() throws {
    let registry = try makeTestRegistry()
    let error = #expect(throws: ComponentError.self) { try registry.activation("leaky_relu(slope=0.1)") }
    #expect(error == .unknownParameter(component: "leaky_relu", parameter: "slope", accepted: ["negative_slope"]))
    let text = try #require(error).description
    #expect(text.contains("'leaky_relu' has no parameter 'slope'"))
    #expect(text.contains("negative_slope"))
    let asLayer = #expect(throws: ComponentError.self) { try registry.layer("leaky_relu(slope=0.1)") }
    #expect(asLayer == error)
  }

  @Test("a parameter given to a component without parameters says it takes none")
  func parameterForParameterless() throws {
    let registry = try makeTestRegistry()
    let error = #expect(throws: ComponentError.self) { try registry.activation("relu(alpha=1)") }
    #expect(error == .unknownParameter(component: "relu", parameter: "alpha", accepted: []))
    #expect(error?.description.contains("takes no parameters") == true)
  }

  @Test("a missing required parameter is named")
  func missingParameter() throws {
    let registry = try makeTestRegistry()
    for specification in ["dense", "dense()", "dense(bias=false)"] {
      let error = #expect(throws: ComponentError.self) { try registry.layer(specification) }
      #expect(error == .missingParameter(component: "dense", parameter: "units"), "\(specification)")
      #expect(error?.description.contains("'dense' needs a value for 'units'") == true)
    }
    #expect(throws: ComponentError.missingParameter(component: "sgd", parameter: "learning_rate")) {
      try registry.optimizer("sgd(momentum=0.9)")
    }
  }

  /// A specification whose argument has the wrong kind, and the parameter it must be reported for.
  struct WrongKind: Sendable, CustomTestStringConvertible {
    let kind: ComponentKind
    let specification: String
    let component: String
    let parameter: String
    var testDescription: String { specification }
  }

  @Test(
    "an argument of the wrong kind is reported with its component and parameter",
    arguments: [
      WrongKind(kind: .layer, specification: "dense(units=true)", component: "dense", parameter: "units"),
      WrongKind(kind: .layer, specification: "dense(2.5)", component: "dense", parameter: "units"),
      WrongKind(kind: .layer, specification: "dense(twelve)", component: "dense", parameter: "units"),
      WrongKind(kind: .layer, specification: "dense(12, bias=1)", component: "dense", parameter: "bias"),
      WrongKind(kind: .layer, specification: "dense(12, yes)", component: "dense", parameter: "bias"),
      WrongKind(
        kind: .activation, specification: "leaky_relu(negative_slope=steep)", component: "leaky_relu",
        parameter: "negative_slope"),
      WrongKind(
        kind: .activation, specification: "leaky_relu(true)", component: "leaky_relu", parameter: "negative_slope"),
      WrongKind(kind: .loss, specification: "mse(reduction=1)", component: "mse", parameter: "reduction"),
    ])
  func wrongKind(testCase: WrongKind) throws {
    let registry = try makeTestRegistry()
    let error = #expect(throws: ComponentError.self) {
      switch testCase.kind {
      case .layer: _ = try registry.layer(testCase.specification)
      case .activation: _ = try registry.activation(testCase.specification)
      default: _ = try registry.loss(testCase.specification)
      }
    }
    guard let error else { return }  // The missing error is already recorded.
    guard case .invalidArgument(let component, let parameter, _) = error else {
      Issue.record("expected invalidArgument, got \(error)")
      return
    }
    #expect(component == testCase.component)
    #expect(parameter == testCase.parameter)
    #expect(error.description.contains("invalid '\(testCase.parameter)' for '\(testCase.component)'"))
  }

  @Test("more positional arguments than parameters are refused with the count and the accepted names")
  func tooManyArguments() throws {
    let registry = try makeTestRegistry()
    #expect(throws: ComponentError.tooManyArguments(component: "relu", given: 1, accepted: [])) {
      try registry.activation("relu(1)")
    }
    let error = #expect(throws: ComponentError.self) { try registry.layer("dense(1, true, 3)") }
    #expect(error == .tooManyArguments(component: "dense", given: 3, accepted: ["units", "bias"]))
    let text = try #require(error).description
    #expect(text.contains("'dense' takes at most 2 arguments"))
    #expect(text.contains("units, bias"))
    #expect(text.contains("got 3"))
  }

  @Test("a parameter given both by position and by name is refused")
  func positionAndName() throws {
    let registry = try makeTestRegistry()
    let error = #expect(throws: ComponentError.self) { try registry.layer("dense(12, units=3)") }
    guard let error else { return }  // The missing error is already recorded.
    guard case .invalidArgument(let component, let parameter, _) = error else {
      Issue.record("expected invalidArgument, got \(error)")
      return
    }
    #expect(component == "dense" && parameter == "units")
  }

  @Test("an error thrown by a factory reaches the caller unchanged")
  func factoryError() throws {
    let registry = try makeTestRegistry()
    #expect(
      throws: ComponentError.invalidArgument(component: "dense", parameter: "units", reason: "must be at least 1")
    ) {
      try registry.layer("dense(0)")
    }
    #expect(throws: ComponentError.invalidArgument(component: "mse", parameter: "reduction", reason: "mean or sum")) {
      try registry.loss("mse(reduction=median)")
    }
  }

  @Test("a malformed specification is reported before any lookup")
  func malformedThroughRegistry() throws {
    let registry = try makeTestRegistry()
    let error = #expect(throws: ComponentError.self) { try registry.activation("relu(") }
    guard let error else { return }  // The missing error is already recorded.
    guard case .malformedSpecification(let text, _) = error else {
      Issue.record("expected malformedSpecification, got \(error)")
      return
    }
    #expect(text == "relu(")
  }

  @Test("two plugins registering the same activation name are refused, naming both plugins")
  func duplicateAcrossPlugins() throws {
    let error = #expect(throws: ComponentError.self) {
      try Registry(plugins: [TestActivationsPlugin.self, TestDuplicateActivationPlugin.self])
    }
    #expect(
      error
        == .duplicateName(
          kind: .activation, name: "relu", firstPlugin: "NNCoreTests.TestActivationsPlugin",
          secondPlugin: "NNCoreTests.TestDuplicateActivationPlugin"))
    #expect(
      error?.description
        == "the activation name 'relu' is registered twice, by NNCoreTests.TestActivationsPlugin and by "
        + "NNCoreTests.TestDuplicateActivationPlugin; rename one of the components, or leave one plugin out of the "
        + "registry's list")
  }

  @Test("the plugins are named in registration order")
  func duplicateInOrder() {
    #expect(
      throws: ComponentError.duplicateName(
        kind: .activation, name: "relu", firstPlugin: "NNCoreTests.TestDuplicateActivationPlugin",
        secondPlugin: "NNCoreTests.TestActivationsPlugin")
    ) {
      try Registry(plugins: [TestDuplicateActivationPlugin.self, TestActivationsPlugin.self])
    }
  }

  @Test("one plugin registering a name twice is refused, saying so")
  func duplicateWithinPlugin() {
    let error = #expect(throws: ComponentError.self) { try Registry(plugins: [TestSelfDuplicatingPlugin.self]) }
    let plugin = "NNCoreTests.TestSelfDuplicatingPlugin"
    #expect(error == .duplicateName(kind: .loss, name: "hinge", firstPlugin: plugin, secondPlugin: plugin))
    #expect(
      error?.description
        == "the loss name 'hinge' is registered twice by \(plugin); rename one of the two components")
  }

  @Test("one plugin listed twice is refused, naming it")
  func pluginListedTwice() {
    let error = #expect(throws: ComponentError.self) {
      try Registry(plugins: [TestActivationsPlugin.self, TestTrainingPlugin.self, TestTrainingPlugin.self])
    }
    #expect(error == .duplicatePlugin("NNCoreTests.TestTrainingPlugin"))
    #expect(
      error?.description
        == "the plugin NNCoreTests.TestTrainingPlugin is listed twice in the registry's plugins; list it once")
  }

  @Test("a layer named like an activation is refused in either plugin order, naming the layer's plugin first")
  func layerClashesWithActivation() {
    let expected = ComponentError.layerNamedLikeActivation(
      name: "tanh", layerPlugin: "NNCoreTests.TestClashingLayerPlugin",
      activationPlugin: "NNCoreTests.TestActivationsPlugin")
    #expect(throws: expected) {
      try Registry(plugins: [TestActivationsPlugin.self, TestClashingLayerPlugin.self])
    }
    #expect(throws: expected) {
      try Registry(plugins: [TestClashingLayerPlugin.self, TestActivationsPlugin.self])
    }
    #expect(
      expected.description
        == "the layer name 'tanh' is registered twice, by NNCoreTests.TestClashingLayerPlugin (a layer) and by "
        + "NNCoreTests.TestActivationsPlugin (an activation, which is a layer too); rename one of the components, "
        + "or leave one plugin out of the registry's list")
  }

  @Test("one plugin registering a layer and an activation of one name is refused, saying so")
  func layerClashesWithinPlugin() {
    let plugin = "NNCoreTests.TestSelfClashingPlugin"
    let error = #expect(throws: ComponentError.self) { try Registry(plugins: [TestSelfClashingPlugin.self]) }
    #expect(error == .layerNamedLikeActivation(name: "gate", layerPlugin: plugin, activationPlugin: plugin))
    #expect(
      error?.description
        == "\(plugin) registers both a layer and an activation named 'gate', and every activation is a layer too; "
        + "rename one of the two components")
  }

  @Test("the same name for components of different kinds is allowed")
  func sameNameDifferentKinds() throws {
    let registry = try Registry(plugins: [
      TestActivationsPlugin.self, TestLayersPlugin.self, TestSameNameLossPlugin.self,
    ])
    #expect(registry.names(of: .loss) == ["relu"])
    #expect(try registry.loss("relu").reduction == .sum)
    #expect(try registry.activation("relu") is TestReLU)
  }
}

/// Registers a loss named `relu`, which must not clash with the activation of that name.
enum TestSameNameLossPlugin: Plugin {
  static func register(in registrar: inout Registrar) {
    registrar.register(
      loss: ComponentEntry(name: "relu", summary: "a loss") { _ in TestMeanSquaredError(reduction: .sum) })
  }
}

/// Registers an activation and a layer both named `gate`.
enum TestSelfClashingPlugin: Plugin {
  static func register(in registrar: inout Registrar) {
    registrar.register(activation: ComponentEntry(name: "gate", summary: "an activation") { _ in TestReLU() })
    registrar.register(
      layer: ComponentEntry(name: "gate", summary: "a layer") { _ in TestDense(units: 1, bias: false) })
  }
}

import NNCore
import NNOptim
import Testing

/// Looking optimizers up by name through a ``Registry`` built from ``NNOptimPlugin``, and the configuration
/// round trip.
@Suite("NNOptim in the registry")
struct OptimizerRegistryTests {
  let registry: Registry

  init() throws {
    registry = try Registry(plugins: [NNOptimPlugin.self])
  }

  @Test("registers every optimizer")
  func registersEveryOptimizer() {
    #expect(
      Set(registry.names(of: .optimizer)).isSuperset(of: [
        "adagrad", "adam", "adamw", "momentum", "nesterov", "rmsprop", "sgd",
      ]))
    let parameters = Dictionary(
      uniqueKeysWithValues: registry.descriptions(of: .optimizer).map { ($0.name, $0.parameters.map(\.name)) })
    #expect(parameters["sgd"] == ["learning_rate", "weight_decay"])
    #expect(parameters["momentum"] == ["learning_rate", "momentum", "dampening", "nesterov", "weight_decay"])
    #expect(parameters["nesterov"] == ["learning_rate", "momentum", "weight_decay"])
    for description in registry.descriptions(of: .optimizer) {
      #expect(!description.summary.isEmpty)
      #expect(description.parameters.allSatisfy { !$0.summary.isEmpty && $0.defaultValue != nil })
    }
  }

  @Test("the registry's defaults are the initialisers' defaults")
  func defaultsAgree() throws {
    #expect(try registry.optimizer("sgd") as? SGD == SGD())
    #expect(try registry.optimizer("momentum") as? Momentum == Momentum())
    #expect(try registry.optimizer("nesterov") as? Momentum == Momentum.nesterov())
    let sgd = try #require(try registry.optimizer("sgd") as? SGD)
    #expect(sgd.learningRate == 0.01 && sgd.weightDecay == 0)
    let momentum = try #require(try registry.optimizer("momentum") as? Momentum)
    #expect(momentum.learningRate == 0.01 && momentum.momentum == 0.9 && momentum.dampening == 0)
    #expect(!momentum.nesterov && momentum.weightDecay == 0)
  }

  @Test("named and positional arguments reach the rule")
  func argumentsReachTheRule() throws {
    let momentum = try #require(try registry.optimizer("momentum(momentum=0.5, nesterov=true)") as? Momentum)
    #expect(momentum == (try Momentum(momentum: 0.5, nesterov: true)))
    #expect(momentum.configuration.name == "momentum")
    let positional = try #require(try registry.optimizer("momentum(0.2, 0.8, 0.1)") as? Momentum)
    #expect(positional == (try Momentum(learningRate: 0.2, momentum: 0.8, dampening: 0.1)))
    let sgd = try #require(try registry.optimizer("sgd(0.5, weight_decay=0.001)") as? SGD)
    #expect(sgd == (try SGD(learningRate: 0.5, weightDecay: 0.001)))
  }

  @Test("nesterov is Momentum with Nesterov on, under its own name")
  func nesterovIsItsOwnName() throws {
    let optimizer = try #require(try registry.optimizer("nesterov(learning_rate=0.2, momentum=0.8)") as? Momentum)
    #expect(optimizer.nesterov)
    #expect(optimizer.dampening == 0)
    #expect(optimizer.learningRate == 0.2 && optimizer.momentum == 0.8)
    #expect(optimizer.configuration.name == "nesterov")
    #expect(optimizer.configuration.description == "nesterov(learning_rate=0.2, momentum=0.8, weight_decay=0.0)")
    #expect(optimizer.slotNames == ["momentum_buffer"])
  }

  @Test("--optimizer nesterov with the tool's learning rate and momentum")
  func nesterovFromTheCommandLine() throws {
    // What `nn train --optimizer nesterov --learning-rate 0.1 --momentum 0.95` asks the registry for.
    var request = try ComponentRequest(parsing: "nesterov")
    request.named["learning_rate"] = .number(0.1)
    request.named["momentum"] = .number(0.95)
    let optimizer = try registry.optimizer(request)
    #expect(optimizer as? Momentum == (try Momentum.nesterov(learningRate: 0.1, momentum: 0.95)))
  }

  @Test(
    "the configuration round-trips, naming every parameter",
    arguments: [
      "sgd", "sgd(0.1)", "sgd(learning_rate=0.2, weight_decay=0.001)", "momentum",
      "momentum(momentum=0.5, nesterov=true)", "momentum(0.1, 0.8, 0.2)", "momentum(momentum=0, weight_decay=3)",
      "nesterov", "nesterov(momentum=0.95, weight_decay=0.0005)",
    ])
  func configurationRoundTrips(specification: String) throws {
    let configuration = try registry.optimizer(specification).configuration
    #expect(try registry.optimizer(configuration.request).configuration == configuration)
    #expect(try registry.optimizer(configuration.description).configuration == configuration)
    let declared = try #require(registry.descriptions(of: .optimizer).first { $0.name == configuration.name })
    #expect(Set(configuration.arguments.keys) == Set(declared.parameters.map(\.name)))
  }

  @Test("momentum(nesterov=true) and nesterov keep their own names")
  func theTwoSpellingsStayApart() throws {
    let spelledOut = try Momentum(nesterov: true)
    let named = try Momentum.nesterov()
    #expect(spelledOut.configuration.name == "momentum")
    #expect(named.configuration.name == "nesterov")
    #expect(spelledOut != named)
  }

  @Test("an unknown name suggests the closest one")
  func unknownNameSuggestsTheClosest() throws {
    let error = #expect(throws: ComponentError.self) { try registry.optimizer("momentun") }
    guard case .unknownComponent(let kind, let name, let known, let suggestion) = error else {
      Issue.record("expected an unknown-component error, got \(String(describing: error))")
      return
    }
    #expect(kind == .optimizer && name == "momentun" && suggestion == "momentum")
    #expect(known == registry.names(of: .optimizer))
    #expect(error?.description.contains("did you mean 'momentum'?") == true)
  }
}

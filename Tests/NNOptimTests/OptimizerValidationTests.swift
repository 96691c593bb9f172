import NNCore
import NNOptim
import Testing

/// Every hyper-parameter is checked as PyTorch checks it, with a message naming the parameter, the value given
/// and what is accepted.
@Suite("Optimizer argument validation")
struct OptimizerValidationTests {
  let registry: Registry

  init() throws {
    registry = try Registry(plugins: [NNOptimPlugin.self])
  }

  @Test(
    "an invalid argument is rejected with a precise message",
    arguments: [
      ("sgd(learning_rate=0)", "invalid 'learning_rate' for 'sgd': must be a finite number greater than 0, got 0.0"),
      (
        "sgd(learning_rate=-0.1)",
        "invalid 'learning_rate' for 'sgd': must be a finite number greater than 0, got -0.1"
      ),
      (
        "sgd(weight_decay=-0.001)",
        "invalid 'weight_decay' for 'sgd': must be a finite number of at least 0, got -0.001"
      ),
      (
        "momentum(learning_rate=0)",
        "invalid 'learning_rate' for 'momentum': must be a finite number greater than 0, got 0.0"
      ),
      ("momentum(momentum=1)", "invalid 'momentum' for 'momentum': must be in [0, 1), got 1.0"),
      ("momentum(momentum=-0.5)", "invalid 'momentum' for 'momentum': must be in [0, 1), got -0.5"),
      ("momentum(dampening=1.5)", "invalid 'dampening' for 'momentum': must be in [0, 1], got 1.5"),
      ("momentum(dampening=-0.1)", "invalid 'dampening' for 'momentum': must be in [0, 1], got -0.1"),
      (
        "momentum(weight_decay=-1)",
        "invalid 'weight_decay' for 'momentum': must be a finite number of at least 0, got -1.0"
      ),
      (
        "momentum(nesterov=true, dampening=0.1)",
        "invalid 'dampening' for 'momentum': must be 0 with Nesterov momentum, got 0.1"
      ),
      (
        "momentum(nesterov=true, momentum=0)",
        "invalid 'momentum' for 'momentum': must be greater than 0 with Nesterov momentum, got 0.0"
      ),
      (
        "nesterov(momentum=0)",
        "invalid 'momentum' for 'nesterov': must be greater than 0 with Nesterov momentum, got 0.0"
      ),
      ("nesterov(momentum=1)", "invalid 'momentum' for 'nesterov': must be in [0, 1), got 1.0"),
      (
        "nesterov(learning_rate=-1)",
        "invalid 'learning_rate' for 'nesterov': must be a finite number greater than 0, got -1.0"
      ),
      (
        "nesterov(weight_decay=-1)",
        "invalid 'weight_decay' for 'nesterov': must be a finite number of at least 0, got -1.0"
      ),
      (
        "nesterov(dampening=0.1)",
        "'nesterov' has no parameter 'dampening'; accepted: learning_rate, momentum, weight_decay"
      ),
      ("sgd(momentum=0.9)", "'sgd' has no parameter 'momentum'; accepted: learning_rate, weight_decay"),
      ("momentum(nesterov=1)", "invalid 'nesterov' for 'momentum': expected boolean, got '1'"),
      ("sgd(learning_rate=fast)", "invalid 'learning_rate' for 'sgd': expected number, got 'fast'"),
    ])
  func invalidArgumentIsRejected(specification: String, message: String) throws {
    let error = #expect(throws: ComponentError.self) { try registry.optimizer(specification) }
    #expect(error?.description == message)
  }

  @Test("a value out of range is an invalidArgument naming the component and the parameter")
  func errorCaseNamesTheParameter() throws {
    let outOfRange = ComponentError.invalidArgument(
      component: "momentum", parameter: "momentum", reason: "must be in [0, 1), got 1.0")
    #expect(throws: outOfRange) { try Momentum(momentum: 1) }
    let zeroForNesterov = ComponentError.invalidArgument(
      component: "nesterov", parameter: "momentum", reason: "must be greater than 0 with Nesterov momentum, got 0.0")
    #expect(throws: zeroForNesterov) { try Momentum.nesterov(momentum: 0) }
  }

  @Test("non-finite values are rejected by the initialisers")
  func nonFiniteValuesAreRejected() {
    #expect(throws: ComponentError.self) { try SGD(learningRate: .infinity) }
    #expect(throws: ComponentError.self) { try SGD(learningRate: .nan) }
    #expect(throws: ComponentError.self) { try SGD(weightDecay: .infinity) }
    #expect(throws: ComponentError.self) { try SGD(weightDecay: .nan) }
    #expect(throws: ComponentError.self) { try Momentum(momentum: .nan) }
    #expect(throws: ComponentError.self) { try Momentum(dampening: .nan) }
    #expect(throws: ComponentError.self) { try Momentum(learningRate: .nan) }
    #expect(throws: ComponentError.self) { try Momentum.nesterov(weightDecay: .infinity) }
  }

  @Test(
    "the edges of each accepted range are accepted",
    arguments: [
      "sgd(weight_decay=0)", "sgd(learning_rate=1e-12)", "momentum(momentum=0)", "momentum(momentum=0.999)",
      "momentum(dampening=0)", "momentum(dampening=1)", "momentum(nesterov=true, momentum=1e-9)",
      "nesterov(momentum=0.999)",
    ])
  func rangeEdgesAreAccepted(specification: String) throws {
    _ = try registry.optimizer(specification)
  }
}

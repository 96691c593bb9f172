import NNCore
import NNLayers
import Testing

/// The behaviour every registered optimizer and initializer must have, whichever package registers it: a newly
/// registered one (by hand or by `nn new`) is covered at once.
@Suite("Conformance of every registered optimizer and initializer")
struct OptimizerConformanceTests {
  static let registry = TestRegistry.shared

  @Test(
    "optimizer state: one slot per name, shaped like the parameter; steps are counted",
    arguments: registry.names(of: .optimizer))
  func optimizerState(name: String) throws {
    let optimizer = try Self.registry.optimizer(GradientCheck(registry: Self.registry).sampleRequest(name, .optimizer))
    var parameter = Matrix([[1, -2, 3], [0.5, 0, -1]])
    var state = optimizer.makeState(for: parameter)
    #expect(state.step == 0)
    #expect(state.slots.count == optimizer.slotNames.count)
    #expect(state.slots.allSatisfy { $0.rows == 2 && $0.columns == 3 })
    optimizer.update(&parameter, gradient: parameter, state: &state, learningRate: optimizer.learningRate)
    #expect(state.step == 1)
    #expect(parameter.elements.allSatisfy { $0.isFinite })
  }

  @Test("optimizers descend a quadratic bowl", arguments: registry.names(of: .optimizer))
  func optimizerDescends(name: String) throws {
    var request = GradientCheck(registry: Self.registry).sampleRequest(name, .optimizer)
    request.named["learning_rate"] = .number(0.01)
    let optimizer = try Self.registry.optimizer(request)
    // L(θ) = ½‖θ − c‖², ∇L = θ − c.
    let center = Matrix([[1, -2], [3, 0.5]])
    var parameter = Matrix(rows: 2, columns: 2)
    var state = optimizer.makeState(for: parameter)
    func loss(_ theta: Matrix) -> Double {
      zip(theta.elements, center.elements).reduce(0) { $0 + 0.5 * ($1.0 - $1.1) * ($1.0 - $1.1) }
    }
    let start = loss(parameter)
    for _ in 0..<100 {
      var gradient = parameter
      gradient.add(center, scaledBy: -1)
      optimizer.update(&parameter, gradient: gradient, state: &state, learningRate: optimizer.learningRate)
    }
    #expect(loss(parameter) < start, "\(name) did not reduce ½‖θ − c‖² in 100 steps from \(start)")
    #expect(state.step == 100)
  }

  @Test("initializers fill every element with finite draws, reproducibly", arguments: registry.names(of: .initializer))
  func initializerDraws(name: String) throws {
    let initializer = try Self.registry.initializer(
      GradientCheck(registry: Self.registry).sampleRequest(name, .initializer))
    var first = Matrix(rows: 6, columns: 5, repeating: .nan)
    var second = Matrix(rows: 6, columns: 5, repeating: .nan)
    initializer.initialize(&first, fanIn: 6, fanOut: 5, random: RandomSource(seed: 21))
    initializer.initialize(&second, fanIn: 6, fanOut: 5, random: RandomSource(seed: 21))
    #expect(first.elements.allSatisfy { $0.isFinite })
    #expect(first == second)
  }
}

import Foundation
import NNCore
import NNOptim
import Testing

/// The per-parameter state: its slots, its step count, and resuming from a saved state.
@Suite("Optimizer state")
struct OptimizerStateTests {
  @Test("SGD keeps no slots; Momentum keeps a zero momentum_buffer shaped like the parameter")
  func freshState() throws {
    let parameter = Matrix(rows: 3, columns: 2, repeating: 7)
    let sgd = try SGD()
    #expect(sgd.slotNames.isEmpty)
    #expect(sgd.makeState(for: parameter) == ParameterState(step: 0, slots: []))
    let momentum = try Momentum()
    #expect(momentum.slotNames == ["momentum_buffer"])
    #expect(Momentum.bufferSlotName == "momentum_buffer")
    #expect(momentum.makeState(for: parameter) == ParameterState(step: 0, slots: [Matrix(rows: 3, columns: 2)]))
  }

  @Test("every update increments the step count", arguments: ["sgd", "momentum", "momentum(momentum=0)", "nesterov"])
  func stepCounting(specification: String) throws {
    let optimizer = try Registry(plugins: [NNOptimPlugin.self]).optimizer(specification)
    var parameter = Matrix([[1, 2]])
    var state = optimizer.makeState(for: parameter)
    #expect(state.step == 0)
    for expected in 1...5 {
      optimizer.update(&parameter, gradient: Matrix([[0.1, -0.1]]), state: &state, learningRate: 0.1)
      #expect(state.step == expected)
    }
  }

  @Test("each parameter's state is its own: a second parameter's first step is undampened too")
  func statesAreIndependent() throws {
    // μ = 0.9, τ = 0.5, η = 0.1. After two steps of another parameter, a fresh state still starts with b = g:
    // θ = [1.0], ∇ = [0.5]: b = 0.5, θ = 1.0 − 0.05 = 0.95.
    let optimizer = try Momentum(learningRate: 0.1, momentum: 0.9, dampening: 0.5)
    var first = Matrix([[3.0]])
    var firstState = optimizer.makeState(for: first)
    optimizer.update(&first, gradient: Matrix([[1.0]]), state: &firstState, learningRate: 0.1)
    optimizer.update(&first, gradient: Matrix([[1.0]]), state: &firstState, learningRate: 0.1)
    var second = Matrix([[1.0]])
    var secondState = optimizer.makeState(for: second)
    optimizer.update(&second, gradient: Matrix([[0.5]]), state: &secondState, learningRate: 0.1)
    expectElements(second, [0.95])
    expectElements(secondState.slots[0], [0.5])
    #expect(firstState.step == 2 && secondState.step == 1)
  }

  @Test("a state saved as JSON resumes training exactly")
  func savedStateResumes() throws {
    let optimizer = try Momentum(learningRate: 0.05, momentum: 0.9, dampening: 0.2, weightDecay: 0.01)
    let gradients = (0..<4).map { step in Matrix([[Double(step) - 1.5, 0.25 * Double(step)]]) }
    var uninterrupted = Matrix([[1, -1]])
    let finalState = train(optimizer, &uninterrupted, gradients: gradients)

    var resumed = Matrix([[1, -1]])
    var state = optimizer.makeState(for: resumed)
    for gradient in gradients[..<2] {
      optimizer.update(&resumed, gradient: gradient, state: &state, learningRate: 0.05)
    }
    var restored = try JSONDecoder().decode(ParameterState.self, from: JSONEncoder().encode(state))
    for gradient in gradients[2...] {
      optimizer.update(&resumed, gradient: gradient, state: &restored, learningRate: 0.05)
    }
    #expect(resumed == uninterrupted)
    #expect(restored == finalState)
  }

  @Test("a gradient of the wrong shape stops with a message")
  func wrongShapeStops() async {
    await #expect(processExitsWith: .failure) {
      let optimizer = try SGD()
      var parameter = Matrix(rows: 2, columns: 2)
      var state = optimizer.makeState(for: parameter)
      optimizer.update(&parameter, gradient: Matrix(rows: 1, columns: 2), state: &state, learningRate: 0.1)
    }
  }
}

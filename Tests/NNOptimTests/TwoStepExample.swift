import NNCore
import Testing

/// The hand-computed examples' common setting: `θ₀ = [1.0, −2.0]`, `∇₁ = [0.5, −1.0]`, `∇₂ = [0.2, 0.4]`, `η = 0.1`.
enum TwoStepExample {
  /// `θ₀`.
  static let start = Matrix([[1.0, -2.0]])
  /// `∇₁` and `∇₂`.
  static let gradients = [Matrix([[0.5, -1.0]]), Matrix([[0.2, 0.4]])]
  /// `η` for both steps.
  static let learningRate = 0.1

  /// Takes the two steps from fresh state and expects `θ`, and the first slot when given, after each.
  ///
  /// - Parameters:
  ///   - optimizer: The rule.
  ///   - parameters: `θ₁` and `θ₂`, computed by hand.
  ///   - buffers: The first slot after each step, computed by hand, or `nil` not to check it.
  ///   - sourceLocation: Where the expectation is written, for failures.
  static func expect(
    _ optimizer: any Optimizer, parameters: [[Double]], buffers: [[Double]]? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    var theta = start
    var state = optimizer.makeState(for: theta)
    for (step, gradient) in gradients.enumerated() {
      optimizer.update(&theta, gradient: gradient, state: &state, learningRate: learningRate)
      expectElements(theta, parameters[step], sourceLocation: sourceLocation)
      if let buffers { expectElements(state.slots[0], buffers[step], sourceLocation: sourceLocation) }
      #expect(state.step == step + 1, sourceLocation: sourceLocation)
    }
  }
}

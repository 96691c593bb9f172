import NNCore
import NNLayers
import Testing

/// Gradient clipping on gradients worked out by hand.
@Suite("Gradient clipping")
struct GradientClippingTests {
  @Test func normScalesAllParametersTogether() {
    // Gradients [3] and [4] in two layers: joint norm 5. Limit 1: factor 1/(5 + 1e-6), so [0.6, 0.8] (to 1e-6).
    var gradients = [[Matrix([[3.0]])], [Matrix([[4.0]])]]
    GradientClipping.norm(1).apply(to: &gradients)
    #expect(abs(gradients[0][0][0, 0] - 0.6) < 1e-6)
    #expect(abs(gradients[1][0][0, 0] - 0.8) < 1e-6)
  }

  @Test func normBelowTheLimitChangesNothing() {
    var gradients = [[Matrix([[3.0, 4.0]])]]
    GradientClipping.norm(10).apply(to: &gradients)
    #expect(gradients[0][0].elements == [3, 4])
  }

  @Test func valueClampsEachElement() {
    var gradients = [[Matrix([[-3.0, 0.5, 2.0]])], []]
    GradientClipping.value(1).apply(to: &gradients)
    #expect(gradients[0][0].elements == [-1, 0.5, 1])
  }

  @Test("the trainer clips before the update")
  func trainerClips() throws {
    // y = w·x with w = 0, x = 1, t = 10, summed squared error: ∂L/∂w = 2·(0 − 10)·1 = −20.
    // Clipped to the value 1: w = 0 − 0.1·(−1) = 0.1 with SGD η = 0.1.
    let network = try Sequential(
      inputWidth: 1, layers: [try Dense(units: 1, bias: false)], parameters: [[Matrix([[0]])]])
    let optimizer = try TestRegistry.shared.optimizer("sgd(0.1)")
    var trainer = Trainer(network: network, loss: MeanSquaredError(reduction: .sum), optimizer: optimizer)
    trainer.gradientClipping = .value(1)
    try trainer.step(inputs: Matrix([[1]]), targets: Matrix([[10]]), random: RandomSource(seed: 1))
    #expect(abs(trainer.network.parameters[0][0][0, 0] - 0.1) < 1e-15)
  }
}

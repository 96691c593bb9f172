import NNCore
import NNOptim
import Testing

/// `SGD` against two-step examples computed by hand.
///
/// The examples start from `θ = [1.0, −2.0]` with the gradients `∇₁ = [0.5, −1.0]` and `∇₂ = [0.2, 0.4]`, and
/// `η = 0.1` (``TwoStepExample``).
@Suite("SGD")
struct SGDTests {
  @Test("two steps without weight decay")
  func twoStepsWithoutWeightDecay() throws {
    // η = 0.1, λ = 0.
    // Step 1: g = ∇₁ = [0.5, −1.0]; θ = [1.0 − 0.1·0.5, −2.0 − 0.1·(−1.0)] = [0.95, −1.9].
    // Step 2: g = ∇₂ = [0.2, 0.4];  θ = [0.95 − 0.1·0.2, −1.9 − 0.1·0.4] = [0.93, −1.94].
    TwoStepExample.expect(try SGD(learningRate: 0.1), parameters: [[0.95, -1.9], [0.93, -1.94]])
  }

  @Test("two steps with weight decay")
  func twoStepsWithWeightDecay() throws {
    // η = 0.1, λ = 0.1.
    // Step 1: g = ∇₁ + λθ = [0.5 + 0.1·1.0, −1.0 + 0.1·(−2.0)] = [0.6, −1.2];
    //         θ = [1.0 − 0.1·0.6, −2.0 − 0.1·(−1.2)] = [0.94, −1.88].
    // Step 2: g = ∇₂ + λθ = [0.2 + 0.1·0.94, 0.4 + 0.1·(−1.88)] = [0.294, 0.212];
    //         θ = [0.94 − 0.1·0.294, −1.88 − 0.1·0.212] = [0.9106, −1.9012].
    TwoStepExample.expect(
      try SGD(learningRate: 0.1, weightDecay: 0.1), parameters: [[0.94, -1.88], [0.9106, -1.9012]])
  }

  @Test("the step's learning rate is used, not the base rate")
  func usesTheStepLearningRate() throws {
    // Base η = 0.01, but this step asks for η = 0.5:
    // θ = [1.0 − 0.5·0.5, −2.0 − 0.5·(−1.0)] = [0.75, −1.5].
    let optimizer = try SGD(learningRate: 0.01)
    var theta = TwoStepExample.start
    var state = optimizer.makeState(for: theta)
    optimizer.update(&theta, gradient: TwoStepExample.gradients[0], state: &state, learningRate: 0.5)
    expectElements(theta, [0.75, -1.5])
  }

  @Test("a 2×3 parameter is updated element by element")
  func updatesEveryElementOfAMatrix() throws {
    // η = 0.5: θ − 0.5∇ = [[1 − 1, 2 − 0, 3 + 1], [4 − 0.5, 5 − 2.5, 6 + 0.25]].
    let optimizer = try SGD(learningRate: 0.5)
    var theta = Matrix([[1, 2, 3], [4, 5, 6]])
    train(optimizer, &theta, gradients: [Matrix([[2, 0, -2], [1, 5, -0.5]])])
    expectElements(theta, [0, 2, 4, 3.5, 2.5, 6.25], tolerance: 0)
    #expect(theta.rows == 2 && theta.columns == 3)
  }

  @Test("a 3×7 parameter: eight elements at a time and the rest one by one")
  func updatesBlocksAndTheRest() throws {
    // η = 0.25, λ = 0.5, θₖ = k, ∇ₖ = 1 − k/2: g = ∇ + λθ = 1, so θ − ηg = k − 0.25 for all 21 elements, exact
    // in binary floating point.
    let optimizer = try SGD(learningRate: 0.25, weightDecay: 0.5)
    var theta = Matrix(rows: 3, columns: 7, elements: (0..<21).map(Double.init))
    train(optimizer, &theta, gradients: [Matrix(rows: 3, columns: 7, elements: (0..<21).map { 1 - Double($0) / 2 })])
    expectElements(theta, (0..<21).map { Double($0) - 0.25 }, tolerance: 0)
  }
}

/// `SGD`'s rule as a linear step, `θ ← a θ + b ∇`, which a trainer may fold into a product.
@Suite("SGD as a linear step")
struct SGDLinearUpdateTests {
  @Test("a = 1 − ηλ and b = −η give the rule's first step")
  func linearStepMatchesTheRule() throws {
    // η = 0.1, λ = 0.1: a = 1 − 0.01 = 0.99, b = −0.1.
    // θ = [0.99·1.0 − 0.1·0.5, 0.99·(−2.0) − 0.1·(−1.0)] = [0.94, −1.88], the rule's first step above.
    let step = try #require(try SGD(learningRate: 0.01, weightDecay: 0.1).linearUpdate(learningRate: 0.1))
    #expect(abs(step.parameterScale - 0.99) < 1e-15)
    #expect(step.gradientScale == -0.1)
    let theta = TwoStepExample.start.elements
    let gradient = TwoStepExample.gradients[0].elements
    let stepped = zip(theta, gradient).map { step.parameterScale * $0 + step.gradientScale * $1 }
    #expect(abs(stepped[0] - 0.94) < 1e-15 && abs(stepped[1] + 1.88) < 1e-15)
  }

  @Test("optimizers that read their slots are not linear steps; momentum 0 is SGD's")
  func optimizersWithSlotsAreNot() throws {
    #expect(try Momentum(learningRate: 0.1).linearUpdate(learningRate: 0.1) == nil)
    #expect(try Momentum(learningRate: 0.1, nesterov: true).linearUpdate(learningRate: 0.1) == nil)
    #expect(try Adam(learningRate: 0.1).linearUpdate(learningRate: 0.1) == nil)
    let plain = try Momentum(learningRate: 0.1, momentum: 0, weightDecay: 0.1).linearUpdate(learningRate: 0.2)
    #expect(plain == LinearUpdate(parameterScale: 1 - 0.2 * 0.1, gradientScale: -0.2))
  }
}

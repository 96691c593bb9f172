import NNCore
import NNOptim
import Testing

/// Adam, AdamW, RMSprop and Adagrad on two hand-computed steps of one weight: `θ₀ = 1`, `∇₁ = 2`, `∇₂ = −1`,
/// `η = 0.1` and `ε = 0`, so that every number below can be followed with pencil and paper.
@Suite("Adaptive optimizers")
struct AdaptiveOptimizerTests {
  private func twoSteps(_ optimizer: any Optimizer) -> (first: Double, second: Double, state: ParameterState) {
    var theta = Matrix([[1.0]])
    var state = optimizer.makeState(for: theta)
    optimizer.update(&theta, gradient: Matrix([[2.0]]), state: &state, learningRate: 0.1)
    let first = theta[0, 0]
    optimizer.update(&theta, gradient: Matrix([[-1.0]]), state: &state, learningRate: 0.1)
    return (first, theta[0, 0], state)
  }

  @Test func adam() throws {
    // Step 1: m = 0.1·2 = 0.2, v = 0.001·4 = 0.004; corrections 1 − 0.9 = 0.1 and 1 − 0.999 = 0.001:
    //   θ = 1 − (0.1/0.1) · 0.2 / (√0.004/√0.001) = 1 − 0.2/2 = 0.9.
    // Step 2: m = 0.9·0.2 + 0.1·(−1) = 0.08, v = 0.999·0.004 + 0.001·1 = 0.004996;
    //   corrections 1 − 0.81 = 0.19 and 1 − 0.998001 = 0.001999:
    //   θ = 0.9 − (0.1/0.19) · 0.08 / √(0.004996/0.001999).
    let (first, second, state) = twoSteps(try Adam(learningRate: 0.1, epsilon: 0))
    #expect(abs(first - 0.9) < 1e-15)
    #expect(abs(second - (0.9 - (0.1 / 0.19) * 0.08 / (0.004996 / 0.001999).squareRoot())) < 1e-14)
    #expect(abs(state.slots[0][0, 0] - 0.08) < 1e-15)
    #expect(abs(state.slots[1][0, 0] - 0.004996) < 1e-15)
    #expect(state.step == 2)
  }

  @Test func adamWithCoupledWeightDecay() throws {
    // λ = 0.5 is added to the gradient: g₁ = 2 + 0.5·1 = 2.5. m = 0.25, v = 0.00625; θ = 1 − 0.25/(√6.25) = 0.9.
    var theta = Matrix([[1.0]])
    let adam = try Adam(learningRate: 0.1, epsilon: 0, weightDecay: 0.5)
    var state = adam.makeState(for: theta)
    adam.update(&theta, gradient: Matrix([[2.0]]), state: &state, learningRate: 0.1)
    #expect(abs(theta[0, 0] - 0.9) < 1e-15)
    #expect(abs(state.slots[0][0, 0] - 0.25) < 1e-15)
  }

  @Test func adamW() throws {
    // λ = 0.1 decoupled: θ = 1·(1 − 0.1·0.1) = 0.99 first, then the Adam step of −0.1 as above: 0.89.
    let (first, _, _) = twoSteps(try Adam(learningRate: 0.1, epsilon: 0, weightDecay: 0.1, decoupledWeightDecay: true))
    #expect(abs(first - 0.89) < 1e-15)
  }

  @Test func amsgradKeepsTheLargestSecondMoment() throws {
    // Gradients 2 then 0: v = 0.004 then 0.003996; AMSGrad divides by the larger 0.004 at step 2.
    // m = 0.18 at step 2; θ₂ = 0.9 − (0.1/0.19) · 0.18 / √(0.004/0.001999).
    var theta = Matrix([[1.0]])
    let adam = try Adam(learningRate: 0.1, epsilon: 0, amsgrad: true)
    var state = adam.makeState(for: theta)
    adam.update(&theta, gradient: Matrix([[2.0]]), state: &state, learningRate: 0.1)
    adam.update(&theta, gradient: Matrix([[0.0]]), state: &state, learningRate: 0.1)
    #expect(abs(theta[0, 0] - (0.9 - (0.1 / 0.19) * 0.18 / (0.004 / 0.001999).squareRoot())) < 1e-14)
    #expect(abs(state.slots[2][0, 0] - 0.004) < 1e-15)
    #expect(abs(state.slots[1][0, 0] - 0.003996) < 1e-15)
  }

  @Test func rmsprop() throws {
    // α = 0.9. Step 1: v = 0.1·4 = 0.4, θ = 1 − 0.1·2/√0.4. Step 2: v = 0.36 + 0.1 = 0.46, θ += 0.1/√0.46.
    let (first, second, _) = twoSteps(try RMSprop(learningRate: 0.1, alpha: 0.9, epsilon: 0))
    #expect(abs(first - (1 - 0.2 / 0.4.squareRoot())) < 1e-15)
    #expect(abs(second - (1 - 0.2 / 0.4.squareRoot() + 0.1 / 0.46.squareRoot())) < 1e-15)
  }

  @Test func rmspropCenteredWithMomentum() throws {
    // α = 0.5, μ = 0.5, centred. Step 1: v = 0.5·4 = 2, ḡ = 0.5·2 = 1, a = √(2 − 1) = 1, b = 2/1 = 2,
    // θ = 1 − 0.1·2 = 0.8. Step 2: v = 1 + 0.5 = 1.5, ḡ = 0.5 − 0.5 = 0, a = √1.5, b = 0.5·2 − 1/√1.5,
    // θ = 0.8 − 0.1·(1 − 1/√1.5).
    let (first, second, _) = twoSteps(
      try RMSprop(learningRate: 0.1, alpha: 0.5, epsilon: 0, momentum: 0.5, centered: true))
    #expect(abs(first - 0.8) < 1e-15)
    #expect(abs(second - (0.8 - 0.1 * (1 - 1 / 1.5.squareRoot()))) < 1e-15)
  }

  @Test func adagrad() throws {
    // Step 1: s = 4, θ = 1 − 0.1·2/2 = 0.9. Step 2: s = 5, θ = 0.9 + 0.1/√5.
    let (first, second, _) = twoSteps(try Adagrad(learningRate: 0.1, epsilon: 0))
    #expect(abs(first - 0.9) < 1e-15)
    #expect(abs(second - (0.9 + 0.1 / 5.0.squareRoot())) < 1e-15)
  }

  @Test func adagradStartsFromItsInitialAccumulatorAndDecaysTheRate() throws {
    // Accumulator starts at 5: step 1 s = 9, θ = 1 − 0.1·2/3. Step 2 with δ = 1: η̃ = 0.1/2, s = 10,
    // θ += 0.05/√10. The state is made through the protocol, as a trainer does.
    let optimizer: any Optimizer = try Adagrad(
      learningRate: 0.1, learningRateDecay: 1, initialAccumulatorValue: 5, epsilon: 0)
    let (first, second, _) = twoSteps(optimizer)
    #expect(abs(first - (1 - 0.2 / 3)) < 1e-15)
    #expect(abs(second - (1 - 0.2 / 3 + 0.05 / 10.0.squareRoot())) < 1e-15)
  }

  @Test(
    "invalid hyper-parameters are rejected",
    arguments: [
      "adam(beta1=1)", "adam(beta2=-0.1)", "adam(epsilon=-1)", "adamw(weight_decay=-0.1)", "rmsprop(alpha=1)",
      "rmsprop(momentum=1)", "adagrad(learning_rate_decay=-1)", "adagrad(initial_accumulator_value=-1)",
      "adam(learning_rate=0)",
    ])
  func invalid(specification: String) throws {
    let registry = try Registry(plugins: [NNOptimPlugin.self])
    #expect(throws: ComponentError.self) { try registry.optimizer(specification) }
  }

  @Test func registryDefaults() throws {
    let registry = try Registry(plugins: [NNOptimPlugin.self])
    #expect(try registry.optimizer("adam").learningRate == 0.001)
    #expect(try registry.optimizer("adamw").configuration.arguments["weight_decay"] == .number(0.01))
    #expect(try registry.optimizer("adam(amsgrad=true)").slotNames.count == 3)
  }
}

import NNCore
import NNOptim
import Testing

/// `Momentum` against two-step examples computed by hand, in PyTorch's `torch.optim.SGD` semantics.
///
/// The examples start from `θ = [1.0, −2.0]` with the gradients `∇₁ = [0.5, −1.0]` and `∇₂ = [0.2, 0.4]`,
/// and `η = 0.1` (``TwoStepExample``).
@Suite("Momentum")
struct MomentumTests {
  @Test("two steps of heavy-ball momentum")
  func twoStepsOfMomentum() throws {
    // μ = 0.9, τ = 0, λ = 0.
    // Step 1: g = [0.5, −1.0]; first step: b = g = [0.5, −1.0];
    //         θ = [1.0 − 0.1·0.5, −2.0 − 0.1·(−1.0)] = [0.95, −1.9].
    // Step 2: g = [0.2, 0.4]; b = 0.9·[0.5, −1.0] + 1·[0.2, 0.4] = [0.45 + 0.2, −0.9 + 0.4] = [0.65, −0.5];
    //         θ = [0.95 − 0.1·0.65, −1.9 − 0.1·(−0.5)] = [0.885, −1.85].
    TwoStepExample.expect(
      try Momentum(learningRate: 0.1, momentum: 0.9), parameters: [[0.95, -1.9], [0.885, -1.85]],
      buffers: [[0.5, -1.0], [0.65, -0.5]])
  }

  @Test("dampening applies from the second step: the first is undampened")
  func dampeningSkipsTheFirstStep() throws {
    // μ = 0.9, τ = 0.5.
    // Step 1: b = g = [0.5, −1.0], not (1 − τ)g = [0.25, −0.5];
    //         θ = [1.0 − 0.1·0.5, −2.0 − 0.1·(−1.0)] = [0.95, −1.9].
    // Step 2: b = 0.9·[0.5, −1.0] + 0.5·[0.2, 0.4] = [0.45 + 0.1, −0.9 + 0.2] = [0.55, −0.7];
    //         θ = [0.95 − 0.1·0.55, −1.9 − 0.1·(−0.7)] = [0.895, −1.83].
    TwoStepExample.expect(
      try Momentum(learningRate: 0.1, momentum: 0.9, dampening: 0.5), parameters: [[0.95, -1.9], [0.895, -1.83]],
      buffers: [[0.5, -1.0], [0.55, -0.7]])
  }

  @Test("weight decay enters the buffer")
  func weightDecayEntersTheBuffer() throws {
    // μ = 0.9, λ = 0.1.
    // Step 1: g = [0.5 + 0.1·1.0, −1.0 + 0.1·(−2.0)] = [0.6, −1.2]; b = g;
    //         θ = [1.0 − 0.06, −2.0 + 0.12] = [0.94, −1.88].
    // Step 2: g = [0.2 + 0.1·0.94, 0.4 + 0.1·(−1.88)] = [0.294, 0.212];
    //         b = 0.9·[0.6, −1.2] + [0.294, 0.212] = [0.54 + 0.294, −1.08 + 0.212] = [0.834, −0.868];
    //         θ = [0.94 − 0.0834, −1.88 + 0.0868] = [0.8566, −1.7932].
    TwoStepExample.expect(
      try Momentum(learningRate: 0.1, momentum: 0.9, weightDecay: 0.1),
      parameters: [[0.94, -1.88], [0.8566, -1.7932]],
      buffers: [[0.6, -1.2], [0.834, -0.868]])
  }

  @Test("two steps of Nesterov momentum")
  func twoStepsOfNesterov() throws {
    // μ = 0.9.
    // Step 1: g = [0.5, −1.0]; b = g = [0.5, −1.0];
    //         d = g + μb = [0.5 + 0.45, −1.0 − 0.9] = [0.95, −1.9];
    //         θ = [1.0 − 0.1·0.95, −2.0 − 0.1·(−1.9)] = [0.905, −1.81].
    // Step 2: g = [0.2, 0.4]; b = 0.9·[0.5, −1.0] + [0.2, 0.4] = [0.65, −0.5];
    //         d = [0.2 + 0.9·0.65, 0.4 + 0.9·(−0.5)] = [0.2 + 0.585, 0.4 − 0.45] = [0.785, −0.05];
    //         θ = [0.905 − 0.0785, −1.81 + 0.005] = [0.8265, −1.805].
    for optimizer in [
      try Momentum(learningRate: 0.1, momentum: 0.9, nesterov: true), try Momentum.nesterov(learningRate: 0.1),
    ] {
      TwoStepExample.expect(
        optimizer, parameters: [[0.905, -1.81], [0.8265, -1.805]], buffers: [[0.5, -1.0], [0.65, -0.5]])
    }
  }

  @Test("momentum 0 is plain SGD, without dampening, as in PyTorch")
  func zeroMomentumIsPlainSGD() throws {
    // μ = 0, τ = 0.5: PyTorch skips the buffer, so every step is θ −= ηg, undampened.
    // Step 1: θ = [1.0 − 0.05, −2.0 + 0.1] = [0.95, −1.9].
    // Step 2: θ = [0.95 − 0.02, −1.9 − 0.04] = [0.93, −1.94]  (a dampened step would give [0.94, −1.92]).
    TwoStepExample.expect(
      try Momentum(learningRate: 0.1, momentum: 0, dampening: 0.5), parameters: [[0.95, -1.9], [0.93, -1.94]],
      buffers: [[0, 0], [0, 0]])
  }

  @Test("the step's learning rate is used, not the base rate")
  func usesTheStepLearningRate() throws {
    // Base η = 0.01; the steps ask for 0.1 and then 0.2 (a schedule). μ = 0.9.
    // Step 1: b = [0.5, −1.0]; θ = [1.0 − 0.05, −2.0 + 0.1] = [0.95, −1.9].
    // Step 2: b = [0.65, −0.5]; θ = [0.95 − 0.2·0.65, −1.9 − 0.2·(−0.5)] = [0.82, −1.8].
    let optimizer = try Momentum(learningRate: 0.01, momentum: 0.9)
    var theta = TwoStepExample.start
    var state = optimizer.makeState(for: theta)
    optimizer.update(&theta, gradient: TwoStepExample.gradients[0], state: &state, learningRate: 0.1)
    optimizer.update(&theta, gradient: TwoStepExample.gradients[1], state: &state, learningRate: 0.2)
    expectElements(theta, [0.82, -1.8])
  }

  @Test(
    "agrees with a transliteration of PyTorch's _single_tensor_sgd over six steps",
    arguments: [
      (0.9, 0.0, false, 0.0), (0.9, 0.3, false, 0.0), (0.5, 1.0, false, 0.01), (0.9, 0.0, true, 0.0),
      (0.99, 0.0, true, 0.05), (0.0, 0.0, false, 0.1), (0.0, 0.7, false, 0.0),
    ])
  func agreesWithPyTorch(configuration: (Double, Double, Bool, Double)) throws {
    let (momentum, dampening, nesterov, weightDecay) = configuration
    let optimizer = try Momentum(
      learningRate: 0.05, momentum: momentum, dampening: dampening, nesterov: nesterov, weightDecay: weightDecay)
    var reference = PyTorchSGD(
      learningRate: 0.05, momentum: momentum, dampening: dampening, nesterov: nesterov, weightDecay: weightDecay)
    var parameter = Matrix([[0.3, -1.2, 2.5], [0.0, 4.0, -0.7]])
    var expected = parameter.elements
    var state = optimizer.makeState(for: parameter)
    for step in 0..<6 {
      let elements = (0..<6).map { index in Double((step * 7 + index * 3) % 11) / 5 - 1 }
      let gradient = Matrix(rows: 2, columns: 3, elements: elements)
      optimizer.update(&parameter, gradient: gradient, state: &state, learningRate: 0.05)
      reference.step(&expected, gradient: elements)
    }
    expectElements(parameter, expected, tolerance: 1e-14)
    #expect(state.step == 6)
  }
}

/// An independent oracle: PyTorch's `_single_tensor_sgd` (torch/optim/sgd.py) transliterated line by line over
/// arrays, with the buffer `None` until the first step.
private struct PyTorchSGD {
  let learningRate: Double
  let momentum: Double
  let dampening: Double
  let nesterov: Bool
  let weightDecay: Double
  var momentumBuffer: [Double]? = nil

  mutating func step(_ parameter: inout [Double], gradient: [Double]) {
    var grad = gradient
    if weightDecay != 0 {
      grad = zip(grad, parameter).map { $0 + weightDecay * $1 }  // grad = grad.add(param, alpha=weight_decay)
    }
    if momentum != 0 {
      let buffer: [Double]
      if let previous = momentumBuffer {
        // buf.mul_(momentum).add_(grad, alpha=1 - dampening)
        buffer = zip(previous, grad).map { $0 * momentum + (1 - dampening) * $1 }
      } else {
        buffer = grad  // buf = torch.clone(grad).detach()
      }
      momentumBuffer = buffer
      grad = nesterov ? zip(grad, buffer).map { $0 + momentum * $1 } : buffer  // grad.add(buf, alpha=momentum)
    }
    parameter = zip(parameter, grad).map { $0 - learningRate * $1 }  // param.add_(grad, alpha=-lr)
  }
}

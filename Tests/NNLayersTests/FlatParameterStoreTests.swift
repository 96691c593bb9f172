import NNCore
import NNOptim
import Testing

@testable import NNLayers

/// An optimizer that is not an ``ElementwiseOptimizer``: it applies another optimizer's rule one matrix at a time,
/// so a trainer keeps the network's matrices and updates them one by one (the path a user's own optimizer takes).
struct PerMatrixOptimizer: Optimizer {
  let base: any Optimizer
  var configuration: ComponentConfiguration { base.configuration }
  var learningRate: Double { base.learningRate }
  var slotNames: [String] { base.slotNames }
  func update(_ parameter: inout Matrix, gradient: Matrix, state: inout ParameterState, learningRate: Double) {
    base.update(&parameter, gradient: gradient, state: &state, learningRate: learningRate)
  }
  func makeState(for parameter: Matrix) -> ParameterState { base.makeState(for: parameter) }
}

/// The trainer's flat buffers (parameters, gradients and slots kept by the fused kernel, one optimizer call per
/// step) against the network's own matrices updated one by one: the same numbers to the bit, and a trainer's
/// copies independent of it.
@Suite("Trainer's flat parameter store")
struct FlatParameterStoreTests {
  private let registry = TestRegistry.shared

  /// A trainer of a network with narrow layers (widths 6 and 3 run past their rows on one sample) and biases.
  private func trainer(_ optimizer: any Optimizer, seed: UInt64 = 5) throws -> Trainer {
    let network = try Sequential(
      inputWidth: 4,
      layers: ["dense(12)", "sigmoid", "dense(6)", "tanh", "dense(3)", "sigmoid"].map { try registry.layer($0) },
      initializer: XavierUniformInitializer(), random: RandomSource(seed: seed))
    return Trainer(network: network, loss: MeanSquaredError(), optimizer: optimizer)
  }

  /// Random features and targets.
  private func data(rows: Int, seed: UInt64) -> (Matrix, Matrix) {
    let random = RandomSource(seed: seed)
    return (
      Matrix.random(rows: rows, columns: 4, in: random),
      Matrix.random(rows: rows, columns: 3, in: random, minimum: 0, maximum: 1)
    )
  }

  /// Trains both trainers `steps` steps on the same batches of `batch` rows and expects the same losses.
  private func trainAlike(_ flat: inout Trainer, _ perMatrix: inout Trainer, batch: Int, steps: Int) throws {
    let (features, targets) = data(rows: 40, seed: 9)
    let random = RandomSource(seed: 11)
    for step in 0..<steps {
      let rows = (0..<batch).map { (step * 7 + $0 * 3) % 40 }
      try rows.withUnsafeBufferPointer { indices in
        let first = try flat.step(rows: indices, of: features, targets: targets, random: random)
        let second = try perMatrix.step(rows: indices, of: features, targets: targets, random: random)
        #expect(first == second, "loss at step \(step)")
      }
    }
  }

  static let optimizers = [
    "sgd(learning_rate=0.1)", "momentum(learning_rate=0.05, momentum=0.9, weight_decay=0.001)",
    "adam(learning_rate=0.01)", "rmsprop(learning_rate=0.01, centered=true, momentum=0.3)",
    "adagrad(learning_rate=0.1, initial_accumulator_value=0.1)",
  ]

  @Test("flat buffers and per-matrix updates train to the same bits", arguments: optimizers, [1, 7, 64])
  func sameTraining(specification: String, batch: Int) throws {
    let optimizer = try registry.optimizer(specification)
    var flat = try trainer(optimizer)
    var perMatrix = try trainer(PerMatrixOptimizer(base: optimizer))
    #expect(flat.usesFusedKernel && perMatrix.usesFusedKernel)
    try trainAlike(&flat, &perMatrix, batch: batch, steps: 25)
    #expect(flat.network.parameters == perMatrix.network.parameters, "\(specification) batch \(batch)")
    #expect(flat.parameterGradients == perMatrix.parameterGradients)
    #expect(flat.optimizerState == perMatrix.optimizerState)
    #expect(flat.optimizerState.joined().allSatisfy { $0.step == 25 })
  }

  @Test("states whose step counts differ are updated matrix by matrix, each with its own count")
  func differentStepCounts() throws {
    let optimizer = try Adam(learningRate: 0.01)
    var flat = try trainer(optimizer)
    var perMatrix = try trainer(PerMatrixOptimizer(base: optimizer))
    var states = flat.optimizerState
    var count = 0
    for layer in states.indices {
      for index in states[layer].indices {
        count += 1
        states[layer][index].step = 3 * count
        states[layer][index].slots[1] = Matrix(
          rows: states[layer][index].slots[1].rows, columns: states[layer][index].slots[1].columns, repeating: 0.25)
      }
    }
    flat.optimizerState = states
    perMatrix.optimizerState = states
    #expect(flat.optimizerState == states)
    try trainAlike(&flat, &perMatrix, batch: 5, steps: 6)
    #expect(flat.network.parameters == perMatrix.network.parameters)
    #expect(flat.optimizerState == perMatrix.optimizerState)
  }

  @Test("gradient clipping on the flat buffers equals clipping matrix by matrix", arguments: [true, false])
  func clipping(byNorm: Bool) throws {
    let optimizer = try SGD(learningRate: 0.5)
    var flat = try trainer(optimizer)
    var perMatrix = try trainer(PerMatrixOptimizer(base: optimizer))
    let clipping: GradientClipping = byNorm ? .norm(0.05) : .value(0.002)
    flat.gradientClipping = clipping
    perMatrix.gradientClipping = clipping
    try trainAlike(&flat, &perMatrix, batch: 3, steps: 10)
    #expect(flat.network.parameters == perMatrix.network.parameters)
    // The last step's gradients, clipped.
    let gradients = flat.parameterGradients.joined().flatMap(\.elements)
    if byNorm {
      #expect(gradients.reduce(0) { $0 + $1 * $1 }.squareRoot() <= 0.05 + 1e-12)
    } else {
      #expect(gradients.allSatisfy { abs($0) <= 0.002 })
    }
  }

  @Test("a copy of a trainer keeps its own parameters and state")
  func copies() throws {
    let optimizer = try Momentum(learningRate: 0.05)
    var original = try trainer(optimizer)
    let untouched = original
    let startingParameters = original.network.parameters
    var other = try trainer(PerMatrixOptimizer(base: optimizer))
    try trainAlike(&original, &other, batch: 2, steps: 3)
    #expect(untouched.network.parameters == startingParameters)
    #expect(untouched.optimizerState.joined().allSatisfy { $0.step == 0 })
    #expect(original.network.parameters != startingParameters)
    // The copy trains from the starting point as a fresh trainer does.
    var copy = untouched
    var fresh = try trainer(PerMatrixOptimizer(base: optimizer))
    try trainAlike(&copy, &fresh, batch: 2, steps: 3)
    #expect(copy.network.parameters == fresh.network.parameters)
    #expect(copy.network.parameters == original.network.parameters)
    // Setting a copy's state leaves the original's alone.
    var changed = original
    var states = changed.optimizerState
    states[0][0].step = 99
    changed.optimizerState = states
    #expect(changed.optimizerState[0][0].step == 99)
    #expect(original.optimizerState[0][0].step == 3)
  }
}

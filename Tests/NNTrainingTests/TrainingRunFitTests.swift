import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining
import Testing

/// `TrainingRun.fit` and `Trainer.evaluate(_:)`: a hand-worked linear fit, the iris network, bad arguments and
/// divergence.
@Suite("TrainingRun.fit")
struct TrainingRunFitTests {
  /// Two samples on a line: x = (1, 2), t = (1, 3).
  private static func line() throws -> Dataset {
    try Dataset(
      name: "line", features: Matrix(rows: 2, columns: 1, elements: [1, 2]),
      targets: Matrix(rows: 2, columns: 1, elements: [1, 3]), labels: nil, classNames: [])
  }

  /// p = w·x + b from w = 0.5, b = 0, with summed squared error and SGD at `learningRate`.
  private static func lineTrainer(learningRate: Double) throws -> Trainer {
    let network = try Sequential(
      inputWidth: 1, layers: [try Dense(units: 1)],
      parameters: [[Matrix(rows: 1, columns: 1, elements: [0.5]), Matrix(rows: 1, columns: 1, elements: [0])]])
    return Trainer(
      network: network, loss: MeanSquaredError(reduction: .sum), optimizer: try SGD(learningRate: learningRate))
  }

  @Test("two epochs of full-batch SGD on a line match the hand-worked numbers")
  func handWorkedLine() throws {
    // p = w·x + b with w = 0.5, b = 0 on x = (1, 2), t = (1, 3); summed squared error, SGD with rate 0.1.
    // Epoch 1: p = (0.5, 1.0), p − t = (−0.5, −2), L = 0.25 + 4 = 4.25, ∂L/∂p = 2(p − t) = (−1, −4),
    //   ∂L/∂w = −1·1 − 4·2 = −9, ∂L/∂b = −5  →  w = 0.5 + 0.9 = 1.4, b = 0.5.
    // Epoch 2: p = (1.9, 3.3), p − t = (0.9, 0.3), L = 0.81 + 0.09 = 0.90, ∂L/∂p = (1.8, 0.6),
    //   ∂L/∂w = 1.8 + 1.2 = 3.0, ∂L/∂b = 2.4  →  w = 1.4 − 0.3 = 1.1, b = 0.5 − 0.24 = 0.26.
    let line = try Self.line()
    var run = try TrainingRun(trainer: Self.lineTrainer(learningRate: 0.1), random: RandomSource(seed: 1), batchSize: 2)
    let losses = try run.fit(line, epochs: 2).history.entries.map(\.trainingLoss)
    let trainer = run.trainer
    #expect(losses.count == 2)
    #expect(abs(losses[0] - 4.25) < 1e-12)
    #expect(abs(losses[1] - 0.90) < 1e-12)
    #expect(abs(trainer.network.parameters[0][0][0, 0] - 1.1) < 1e-12)
    #expect(abs(trainer.network.parameters[0][1][0, 0] - 0.26) < 1e-12)
    let (loss, accuracy) = try trainer.evaluate(line)
    // p = (1.36, 2.46), p − t = (0.36, −0.54): L = 0.1296 + 0.2916 = 0.4212; no accuracy for regression.
    #expect(abs(loss - 0.4212) < 1e-12)
    #expect(accuracy == nil)
  }

  @Test("the seed's iris network trained with a run classifies iris")
  func iris() throws {
    let iris = try IrisLoader.bundled()
    let random = RandomSource(seed: 3)
    let network = try Sequential(
      inputWidth: 4,
      layers: [
        try Dense(units: 12), ActivationLayer(Sigmoid()), try Dense(units: 6), ActivationLayer(Sigmoid()),
        try Dense(units: 3), ActivationLayer(Softmax()),
      ],
      initializer: XavierUniformInitializer(), random: random)
    let trainer = Trainer(network: network, loss: SoftmaxCrossEntropy(), optimizer: try Momentum(learningRate: 0.02))
    var run = try TrainingRun(trainer: trainer, random: random)
    let losses = try run.fit(iris, epochs: 400).history.entries.map(\.trainingLoss)
    #expect(losses.count == 400)
    #expect(losses[399] < losses[0] / 4)
    let accuracy = try #require(try run.trainer.evaluate(iris).accuracy)
    #expect(accuracy >= 0.95)
  }

  @Test("zero epochs is refused and a diverging run names its step")
  func badRuns() throws {
    let line = try Self.line()
    var run = try TrainingRun(trainer: Self.lineTrainer(learningRate: 100), random: RandomSource(seed: 1), batchSize: 2)
    let refusal = #expect(throws: TrainingError.self) { try run.fit(line, epochs: 0) }
    #expect(refusal?.message == "--epochs must be at least 1, got 0")
    #expect(throws: TrainingError.self) {
      try TrainingRun(trainer: Self.lineTrainer(learningRate: 1), random: RandomSource(seed: 1), batchSize: 0)
    }
    // With rate 100 each step multiplies the error by about −(1 + 100·2·(x² + 1)): it overflows within ~150 steps.
    let error = #expect(throws: NetworkError.self) { try run.fit(line, epochs: 1000) }
    guard case .nonFiniteLoss(let step, _) = error else {
      Issue.record("expected a non-finite loss, got \(String(describing: error))")
      return
    }
    #expect(step > 1 && step < 1000)
  }
}

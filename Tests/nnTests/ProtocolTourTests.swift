import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining
import Testing

/// The README's tour of the protocol API, compiled and run, so the documentation cannot rot.
@Suite("README tour")
struct ProtocolTourTests {
  @Test("the seed's iris network, assembled and trained in Swift, classifies iris")
  func tour() throws {
    // The code below is the README's, line for line.
    let iris = try IrisLoader.bundled()
    let random = RandomSource(seed: 1)
    let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self])
    let network = try Sequential(
      inputWidth: 4,
      layers: ["dense(12)", "sigmoid", "dense(6)", "sigmoid", "dense(3)", "softmax"].map { try registry.layer($0) },
      initializer: XavierUniformInitializer(), random: random)
    let trainer = Trainer(network: network, loss: SoftmaxCrossEntropy(), optimizer: try Momentum(learningRate: 0.02))
    var run = try TrainingRun(trainer: trainer, random: random, batchSize: 16)
    let history = try run.fit(iris, epochs: 1000).history  // one entry per epoch: its mean batch loss
    let (loss, accuracy) = try run.trainer.evaluate(iris)
    print(history.entries.last!.trainingLoss, loss, accuracy!)
    #expect(accuracy! >= 0.95)
    #expect(loss < 0.15)
  }

  @Test("the README's hand-written training loop with a decaying learning rate trains")
  func handWrittenLoop() throws {
    // The README's loop follows the tour's set-up: the same data, random source and trainer.
    let iris = try IrisLoader.bundled()
    let random = RandomSource(seed: 1)
    var trainer = try Self.tourTrainer(random: random)
    var printed: [Int] = []
    // The code below is the README's, with `print` recording the epochs instead.
    var sampler = try BatchSampler(for: iris, batchSize: 16, mode: .shuffle, random: random)
    for step in 0..<10_000 {
      trainer.learningRate = 0.02 * (1 - Double(step) / 10_000)  // linear decay
      let batchLoss = try sampler.nextBatch { rows in
        try trainer.step(rows: rows, of: iris.features, targets: iris.targets, random: random)
      }
      if sampler.isEpochEnd, sampler.epoch % 100 == 0 { printed.append(sampler.epoch) }
      #expect(batchLoss.isFinite)
    }
    // 10 batches an epoch: 1000 epochs, a line every 100.
    #expect(printed == Array(stride(from: 100, through: 1000, by: 100)))
    #expect(trainer.learningRate < 0.02 / 1000 * 1.01)
    #expect(try trainer.evaluate(iris).accuracy! >= 0.95)
  }

  /// The tour's network and trainer, as the README makes them.
  private static func tourTrainer(random: RandomSource) throws -> Trainer {
    let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self])
    let network = try Sequential(
      inputWidth: 4,
      layers: ["dense(12)", "sigmoid", "dense(6)", "sigmoid", "dense(3)", "softmax"].map { try registry.layer($0) },
      initializer: XavierUniformInitializer(), random: random)
    return Trainer(network: network, loss: SoftmaxCrossEntropy(), optimizer: try Momentum(learningRate: 0.02))
  }
}

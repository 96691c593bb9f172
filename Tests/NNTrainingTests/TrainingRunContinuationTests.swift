import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining
import Testing

/// A run continues across fits and across a save and load: the same batches, step count and optimizer state
/// as one uninterrupted fit, so the weights agree bit for bit.
@Suite("TrainingRun continuation")
struct TrainingRunContinuationTests {
  /// A fresh run of the seed's iris network.
  static func makeRun(seed: UInt64 = 3) throws -> (TrainingRun, Dataset) {
    let iris = try IrisLoader.bundled()
    let random = RandomSource(seed: seed)
    let network = try Sequential(
      inputWidth: 4,
      layers: ["dense(12)", "sigmoid", "dense(6)", "sigmoid", "dense(3)", "softmax"].map {
        try TestRegistry.shared.layer($0)
      }, initializer: XavierUniformInitializer(), random: random)
    let trainer = Trainer(network: network, loss: SoftmaxCrossEntropy(), optimizer: try Momentum(learningRate: 0.02))
    return (try TrainingRun(trainer: trainer, random: random, batchSize: 16), iris)
  }

  @Test("ten fits of 5 epochs train exactly as one fit of 50")
  func tenFitsAreOne() throws {
    var (once, iris) = try Self.makeRun()
    try once.fit(iris, epochs: 50)
    var (pieces, _) = try Self.makeRun()
    for _ in 0..<10 { try pieces.fit(iris, epochs: 5) }
    #expect(pieces.completedSteps == once.completedSteps)
    #expect(pieces.trainer.network.parameters == once.trainer.network.parameters)
  }

  @Test("a model saved after 20 epochs and resumed for 30 ends as 50 uninterrupted epochs")
  func resumeIsExact() throws {
    var (straight, iris) = try Self.makeRun()
    try straight.fit(iris, epochs: 50)
    var (first, _) = try Self.makeRun()
    try first.fit(iris, epochs: 20)
    let text = try first.modelFile(classNames: iris.classNames).jsonData()
    let model = try LoadedModel(
      file: try ModelFile(jsonData: text, source: "memory"), registry: TestRegistry.shared)
    var resumed = try TrainingRun(resuming: model, random: RandomSource(seed: 99), batchSize: 16)
    try resumed.fit(iris, epochs: 30)
    #expect(resumed.completedSteps == straight.completedSteps)
    #expect(resumed.trainer.network.parameters == straight.trainer.network.parameters)
  }

  @Test("starting a new batch stream changes the batches, keeping the step count")
  func newStream() throws {
    var (continued, iris) = try Self.makeRun()
    try continued.fit(iris, epochs: 3)
    var (restarted, _) = try Self.makeRun()
    try restarted.fit(iris, epochs: 3)
    restarted.startNewBatchStream()
    try continued.fit(iris, length: .iterations(5))
    try restarted.fit(iris, length: .iterations(5))
    #expect(restarted.completedSteps == continued.completedSteps)
    #expect(restarted.trainer.network.parameters != continued.trainer.network.parameters)
  }

  /// Counts what it sees, and stops after a number of epochs.
  final class Counter: TrainingObserver {
    var steps = 0
    var epochs: [Int] = []
    let stopAfter: Int
    init(stopAfter: Int) { self.stopAfter = stopAfter }
    func stepDidEnd(_ step: StepReport, _ run: inout TrainingRun) throws { steps += 1 }
    func epochDidEnd(_ epoch: EpochReport, _ run: inout TrainingRun) throws {
      epochs.append(epoch.epoch)
      if epochs.count == stopAfter { run.requestStop(.requested("enough")) }
    }
  }

  @Test("a user's observer sees every step and epoch, and can stop the fit")
  func userObserver() throws {
    var (run, iris) = try Self.makeRun()
    let counter = Counter(stopAfter: 4)
    let summary = try run.fit(iris, epochs: 100, observers: [counter])
    // 150 samples in batches of 16: 10 steps an epoch.
    #expect(counter.steps == 40)
    #expect(counter.epochs == [1, 2, 3, 4])
    #expect(summary.stopReason == .requested("enough"))
    #expect(summary.history.entries.count == 4)
  }

  @Test("early stopping without a validation part watches the training loss and restores the best epoch")
  func earlyStoppingRestores() throws {
    var (run, iris) = try Self.makeRun()
    run.trainer.learningRate = 3
    let stopping = try EarlyStoppingObserver(patience: 3)
    let summary = try run.fit(iris, epochs: 300, observers: [stopping])
    let outcome = try #require(stopping.outcome)
    #expect(outcome.monitor == .training)
    let evaluation = try TrainingRun.evaluate(run.trainer, on: iris)
    #expect(evaluation.loss == outcome.bestLoss)
    #expect(summary.history.entries.compactMap(\.trainingAccuracy).count == summary.history.entries.count)
  }
}

import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining
import Testing

/// What a fit refuses before its first step, with the messages the tool prints, and what its built-in
/// observers write.
@Suite("TrainingRun checks and checkpoints")
struct TrainingRunChecksTests {
  /// Two iris classes with their 0/1 labels as two one-hot columns.
  static func twoClasses() throws -> Dataset {
    try IrisLoader.bundled().selectingClasses(["Iris-versicolor", "Iris-virginica"])
  }

  /// A run of `specification` with the given loss.
  static func run(_ specification: String, inputWidth: Int = 4, loss: any Loss) throws -> TrainingRun {
    let random = RandomSource(seed: 1)
    let network = try Sequential(
      inputWidth: inputWidth,
      layers: try NetworkSpecification.layers(from: specification, registry: TestRegistry.shared),
      initializer: XavierUniformInitializer(), random: random)
    return try TrainingRun(
      trainer: Trainer(network: network, loss: loss, optimizer: try SGD(learningRate: 0.1)), random: random)
  }

  @Test("dense(1), softmax with softmax cross-entropy on two classes is refused, as the tool refuses it")
  func softmaxOnOneUnit() throws {
    let data = try Self.twoClasses().withBinaryTargets()
    var run = try Self.run("dense(1),softmax", loss: SoftmaxCrossEntropy())
    let error = #expect(throws: TrainingError.self) { try run.fit(data, epochs: 5) }
    #expect(
      error?.message
        == "--loss softmax_cross_entropy needs at least 2 output units, but the network ends in 1 (its loss would "
        + "always be 0); give a network ending in dense(2), or --loss binary_cross_entropy with a sigmoid output")
    #expect(run.completedSteps == 0)
  }

  @Test("targets of another width than the network's output are refused naming both")
  func targetWidth() throws {
    var run = try Self.run("dense(3),softmax", loss: SoftmaxCrossEntropy())
    let error = #expect(throws: TrainingError.self) { try run.fit(try Self.twoClasses(), epochs: 1) }
    #expect(error?.message.contains("the network gives 3 outputs to the loss") == true)
    #expect(error?.message.contains("has 2 target columns; end the network in 2 units") == true)
  }

  @Test("features of another width than the network's input are refused naming both")
  func featureWidth() throws {
    var run = try Self.run("dense(2),softmax", inputWidth: 3, loss: SoftmaxCrossEntropy())
    let error = #expect(throws: TrainingError.self) { try run.fit(try Self.twoClasses(), epochs: 1) }
    #expect(error?.message.hasPrefix("the network takes 3 features, ") == true)
    #expect(error?.kind == .data)
  }

  @Test("a checkpoint is written every few epochs, atomically, and resumes where it was written")
  func checkpoints() throws {
    let data = try Self.twoClasses()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoints-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("run.json").path
    var run = try Self.run("dense(4),tanh,dense(2),softmax", loss: SoftmaxCrossEntropy())
    let checkpoints = try CheckpointObserver(path: path, everyEpochs: 5)
    try run.fit(data, epochs: 12, observers: [checkpoints])
    #expect(checkpoints.writes == 2)
    // 100 samples in batches of 16: 7 steps an epoch; the last write was at the end of epoch 10.
    let model = try LoadedModel(path: path, registry: TestRegistry.shared)
    #expect(model.file.progress.iterations == 70)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["run.json"])
    #expect(throws: TrainingError.self) { try CheckpointObserver(path: path, everyEpochs: 0) }
  }
}

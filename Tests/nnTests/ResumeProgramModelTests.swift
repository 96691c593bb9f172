import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining
import Testing

/// A model saved by a program, without the tool's settings, resumes in the tool once the data is named.
@Suite("nn train --resume of a model saved from Swift")
struct ResumeProgramModelTests {
  /// A model trained for a few epochs and saved by its run, without any settings of the tool.
  static func programModel() throws -> String {
    let iris = try IrisLoader.bundled()
    let random = RandomSource(seed: 2)
    let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self])
    let network = try Sequential(
      inputWidth: 4,
      layers: try NetworkSpecification.layers(from: "dense(8),tanh,dense(3),softmax", registry: registry),
      initializer: XavierUniformInitializer(), random: random)
    var run = try TrainingRun(
      trainer: Trainer(network: network, loss: SoftmaxCrossEntropy(), optimizer: try Momentum(learningRate: 0.05)),
      random: random)
    try run.fit(iris, epochs: 20)
    let path = try CommandRunner.temporaryDirectory().appendingPathComponent("program.json").path
    try run.modelFile(classNames: iris.classNames, seed: 2).write(path: path)
    return path
  }

  @Test("without --data the tool asks for it by flag name, with status 64")
  func asksForData() throws {
    let path = try Self.programModel()
    let result = try CommandRunner.run(["train", "--resume", path, "--epochs", "10"])
    #expect(result.status == 64)
    #expect(result.error.contains("this model was saved without data settings: give --data"))
    #expect(!result.error.contains("missing key"))
  }

  @Test("with --data it continues from the stored weights and learns on")
  func continuesWithData() throws {
    let path = try Self.programModel()
    let saved = try CommandRunner.temporaryDirectory().appendingPathComponent("continued.json").path
    let result = try CommandRunner.run(
      ["train", "--resume", path, "--data", "iris", "--epochs", "50", "--json", "--save", saved])
    #expect(result.status == 0, "\(result.error)")
    let json = try result.json()
    #expect((json["accuracy"] as? Double ?? 0) > 0.9)
    let model = try LoadedModel(
      path: saved, registry: try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self]))
    #expect(model.file.progress.iterations == 20 * 10 + 50 * 10)
  }
}

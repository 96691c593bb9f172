import Foundation
import NNCore
import NNData
@_spi(Internals) import NNLayers
import NNOptim
@_spi(Internals) import NNTraining
import Testing

/// Saving and loading a model in Swift: the layout on disk, bit-identical outputs, training that continues
/// exactly, and prediction that applies the stored standardisation.
@Suite("model file: save and load")
struct ModelFileRoundTripTests {
  @Test("save, load: the loaded model's outputs equal the trained network's, bit for bit")
  func bitIdenticalOutputs() throws {
    let folder = try ModelFileFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("model.json").path
    let trainer = try ModelFileFixture.trainer()
    let standardization = try ModelFileFixture.standardization()
    try ModelFile(trainer: trainer, standardization: standardization, classNames: ["a", "b"], seed: 11)
      .write(path: path)

    let model = try LoadedModel(path: path, registry: TestRegistry.shared)
    let expected = try trainer.network.predict(try standardization.applied(to: ModelFileFixture.features))
    let outputs = try model.predict(ModelFileFixture.features)
    #expect(outputs.elements.map(\.bitPattern) == expected.elements.map(\.bitPattern))
    #expect(model.network.parameters == trainer.network.parameters)
    #expect(model.file.classNames == ["a", "b"])
    #expect(model.file.seed == 11)
    #expect(model.isClassification)
  }

  @Test("a loaded trainer continues with the stored optimizer state: one more step gives the same weights")
  func trainingContinues() throws {
    let random = RandomSource(seed: 2)
    var original = try ModelFileFixture.trainer()
    let file = try ModelFile(jsonData: try ModelFile(trainer: original).jsonData(), source: "memory")
    var loaded = try LoadedModel(file: file, registry: TestRegistry.shared).trainer()
    #expect(loaded.optimizerState.flatMap { $0.map(\.step) } == Array(repeating: 5, count: 4))
    let inputs = try ModelFileFixture.standardization().applied(to: ModelFileFixture.features)
    _ = try original.step(inputs: inputs, targets: ModelFileFixture.targets, random: random)
    _ = try loaded.step(inputs: inputs, targets: ModelFileFixture.targets, random: random)
    #expect(loaded.network.parameters == original.network.parameters)
  }

  @Test("the layout on disk: format, version, snake_case keys, weights by path, optimizer slots by name")
  func layout() throws {
    let object = try ModelFileFixture.savedObject()
    #expect(
      Set(object.keys) == [
        "format", "version", "network", "weights", "optimizer", "loss", "standardization", "class_names",
        "feature_names", "seed", "training", "progress",
      ])
    #expect(object["format"] as? String == "nn-model")
    #expect(object["version"] as? Int == 1)
    #expect((object["network"] as? [String: Any])?["input_width"] as? Int == 3)
    let weights = try #require(object["weights"] as? [String: [String: Any]])
    #expect(Set(weights.keys) == ["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"])
    #expect(weights["layers.0.weight"]?["rows"] as? Int == 3)
    #expect(weights["layers.0.weight"]?["columns"] as? Int == 5)
    let state = try #require((object["optimizer"] as? [String: Any])?["state"] as? [String: [String: Any]])
    #expect(state["layers.2.bias"]?["step"] as? Int == 5)
    #expect((state["layers.2.bias"]?["slots"] as? [String: Any])?.keys.sorted() == ["momentum_buffer"])
    #expect((object["training"] as? [String: Any])?.isEmpty == true)
  }

  @Test("predict standardises first: a hand-computed dense layer")
  func predictStandardizes() throws {
    // x′ = ((3 − 1) / 2, (5 − 1) / 4) = (1, 1); y = 2·1 + 3·1 + 1 = 6.
    let file = ModelFile(
      network: StoredNetwork(
        inputWidth: 2, layers: [ComponentConfiguration(name: "dense", arguments: ["units": .integer(1)])]),
      weights: ["layers.0.weight": Matrix([[2], [3]]), "layers.0.bias": Matrix([[1]])],
      optimizer: StoredOptimizer(
        configuration: ComponentConfiguration(name: "sgd"),
        state: [
          "layers.0.weight": StoredParameterState(step: 0, slots: [:]),
          "layers.0.bias": StoredParameterState(step: 0, slots: [:]),
        ]),
      loss: ComponentConfiguration(name: "mse"),
      standardization: try Standardization(means: [1, 1], scales: [2, 4]))
    let model = try LoadedModel(file: file, registry: TestRegistry.shared)
    #expect(try model.predict(Matrix([[3, 5], [1, 1]])) == Matrix([[6], [1]]))
    #expect(throws: NetworkError.widthMismatch(what: "features", expected: 2, found: 3)) {
      try model.predict(Matrix([[1, 2, 3]]))
    }
  }

  @Test("a program's own settings round-trip through the open training object, integers exactly")
  func trainingSettings() throws {
    var file = ModelFile(trainer: try ModelFileFixture.trainer(steps: 0))
    let settings = ExampleSettings(learningRate: 0.25, seed: UInt64.max, note: nil, layers: [4, 2])
    try file.setTraining(settings)
    #expect(file.training["seed"] == .unsignedInteger(UInt64.max))
    #expect(file.training["layers"] == .array([.integer(4), .integer(2)]))
    let read = try ModelFile(jsonData: try file.jsonData(), source: "memory")
    #expect(try read.training(as: ExampleSettings.self, path: "memory") == settings)
  }
}

/// A program's own settings, stored in a model file's `training` object.
struct ExampleSettings: Codable, Equatable {
  /// A number.
  var learningRate: Double
  /// A 64-bit integer.
  var seed: UInt64
  /// An optional value.
  var note: String?
  /// An array.
  var layers: [Int]
}

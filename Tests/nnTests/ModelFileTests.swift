import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import Testing

/// `nn train --save` and `--resume`: the model file's layout, a bit-for-bit round trip, and resumed training
/// equal to uninterrupted training.
@Suite("model files")
struct ModelFileTests {
  /// Parses a JSON file into a dictionary.
  static func object(at url: URL) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  }

  @Test("a saved model names its format, version, parts, weights by path, optimizer state and settings")
  func layout() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let model = directory.appendingPathComponent("model.json")
    let result = try CommandRunner.run([
      "train", "--iterations", "50", "--standardize", "--save", model.path, "--quiet",
    ])
    #expect(result.status == 0, "\(result.error)")
    let file = try Self.object(at: model)
    #expect(file["format"] as? String == "nn-model")
    #expect(file["version"] as? Int == 1)
    let network = try #require(file["network"] as? [String: Any])
    #expect(network["input_width"] as? Int == 4)
    let layers = try #require(network["layers"] as? [[String: Any]])
    #expect(layers.map { $0["name"] as? String } == ["dense", "sigmoid", "dense", "sigmoid", "dense", "softmax"])
    let weights = try #require(file["weights"] as? [String: Any])
    #expect(
      Set(weights.keys) == [
        "layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias", "layers.4.weight", "layers.4.bias",
      ])
    let optimizer = try #require(file["optimizer"] as? [String: Any])
    let state = try #require(optimizer["state"] as? [String: [String: Any]])
    #expect(state["layers.0.weight"]?["step"] as? Int == 50)
    #expect((state["layers.0.weight"]?["slots"] as? [String: Any])?.keys.sorted() == ["momentum_buffer"])
    #expect((file["standardization"] as? [String: Any])?["means"] is [Double])
    #expect((file["class_names"] as? [String])?.count == 3)
    #expect((file["training"] as? [String: Any])?["learning_rate"] as? Double == 0.02)
    #expect((file["progress"] as? [String: Any])?["iterations"] as? Int == 50)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(leftovers == ["model.json"], "no temporary file is left behind")
  }

  @Test("save, load: the loaded network predicts exactly what the trained one did")
  func roundTrip() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let model = directory.appendingPathComponent("model.json")
    let trained = try CommandRunner.run(["train", "--iterations", "300", "--save", model.path, "--json"])
    #expect(trained.status == 0, "\(trained.error)")
    let evaluated = try CommandRunner.run(["eval", "--model", model.path, "--json"])
    #expect(evaluated.status == 0, "\(evaluated.error)")
    #expect(try evaluated.json()["loss"] as? Double == trained.json()["loss"] as? Double)
    #expect(try evaluated.json()["accuracy"] as? Double == trained.json()["accuracy"] as? Double)

    // The weights read back in Swift give the same probabilities, digit for digit, as `nn predict`.
    let file = try JSONDecoder().decode(StoredModelWeights.self, from: Data(contentsOf: model))
    let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self])
    let layers = try file.network.layers.map { try registry.layer($0.request) }
    var parameters: [[Matrix]] = []
    var width = 4
    for (index, layer) in layers.enumerated() {
      parameters.append(layer.parameterShapes(inputWidth: width).map { file.weights["layers.\(index).\($0.name)"]! })
      width = try layer.outputWidth(inputWidth: width)
    }
    let network = try Sequential(inputWidth: 4, layers: layers, parameters: parameters)
    let iris = try IrisLoader.bundled().features
    let expected = try network.predict(iris)
    let predicted = try CommandRunner.run(["predict", "--model", model.path])
    #expect(predicted.status == 0, "\(predicted.error)")
    let rows = predicted.output.split(separator: "\n").dropFirst()
    #expect(rows.count == 150)
    for (row, line) in rows.enumerated() {
      let probabilities = line.split(separator: ",").dropFirst().map { Double(String($0))! }
      #expect(probabilities == expected.row(row), "row \(row)")
    }
  }

  @Test(
    "N steps, save, resume M steps equals N + M steps, bit for bit",
    arguments: [("momentum", "replacement"), ("adam", "shuffle"), ("momentum", "subset")])
  func resumeEqualsUninterrupted(optimizer: String, sampling: String) throws {
    let directory = try CommandRunner.temporaryDirectory()
    let first = directory.appendingPathComponent("first.json")
    let resumed = directory.appendingPathComponent("resumed.json")
    let whole = directory.appendingPathComponent("whole.json")
    let common = [
      "--sampling", sampling, "--optimizer", optimizer, "--lr", "0.01", "--schedule", "cosine(400, 0.001)",
      "--test-fraction", "0.2", "--standardize", "--quiet",
    ]
    var result = try CommandRunner.run(["train", "--iterations", "150", "--save", first.path] + common)
    #expect(result.status == 0, "\(result.error)")
    result = try CommandRunner.run([
      "train", "--resume", first.path, "--iterations", "250", "--save", resumed.path, "--quiet",
    ])
    #expect(result.status == 0, "\(result.error)")
    result = try CommandRunner.run(["train", "--iterations", "400", "--save", whole.path] + common)
    #expect(result.status == 0, "\(result.error)")
    let resumedFile = try Self.object(at: resumed)
    let wholeFile = try Self.object(at: whole)
    for key in ["weights", "optimizer", "progress", "standardization"] {
      #expect(
        NSDictionary(dictionary: try #require(resumedFile[key] as? [String: Any]))
          .isEqual(to: try #require(wholeFile[key] as? [String: Any])), "\(key)")
    }
  }

  @Test("--resume on data of another width is bad data")
  func resumeOtherWidth() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let model = directory.appendingPathComponent("model.json")
    let sphere = directory.appendingPathComponent("samples.mat")
    #expect(try CommandRunner.run(["data", "sphere", "--out", sphere.path]).status == 0)
    #expect(try CommandRunner.run(["train", "--iterations", "10", "--save", model.path, "--quiet"]).status == 0)
    let result = try CommandRunner.run(["train", "--resume", model.path, "--data", sphere.path, "--quiet"])
    #expect(result.status == 65)
    #expect(result.error.contains("the model takes 4 features, samples.mat has 3"), "\(result.error)")
  }

  @Test("--resume of a missing file is missing input")
  func resumeMissing() throws {
    let result = try CommandRunner.run(["train", "--resume", "/nonexistent/model.json"])
    #expect(result.status == 66)
    #expect(result.error.contains("no such model file"))
  }
}

/// The parts of a model file the round-trip test reads in Swift.
private struct StoredModelWeights: Decodable {
  struct Network: Decodable {
    let layers: [ComponentConfiguration]
  }
  let network: Network
  let weights: [String: Matrix]
}

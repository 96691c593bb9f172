import Foundation
import Testing

/// Strict loading: each kind of broken model file gives one clear line and the bad-data status.
@Suite("strict model loading")
struct ModelLoadingTests {
  /// One way to break a saved model, and what the error must say.
  struct Breakage: CustomTestStringConvertible, Sendable {
    /// What is broken.
    let name: String
    /// A part of the one-line error.
    let message: String
    /// Breaks a saved model's JSON object.
    let change: @Sendable (inout [String: Any]) -> Void
    /// The test case's name.
    var testDescription: String { name }
  }

  static let breakages: [Breakage] = [
    Breakage(name: "unknown component", message: "unknown layer 'soft_gate'; known layers: dense") { file in
      var network = file["network"] as! [String: Any]
      var layers = network["layers"] as! [[String: Any]]
      layers[1]["name"] = "soft_gate"
      network["layers"] = layers
      file["network"] = network
    },
    Breakage(name: "missing key", message: "missing key 'network.input_width'") { file in
      var network = file["network"] as! [String: Any]
      network["input_width"] = nil
      file["network"] = network
    },
    Breakage(name: "extra key", message: "unexpected key 'optimizer.extra'") { file in
      var optimizer = file["optimizer"] as! [String: Any]
      optimizer["extra"] = 1
      file["optimizer"] = optimizer
    },
    Breakage(name: "missing weight", message: "missing weight 'layers.2.bias'") { file in
      var weights = file["weights"] as! [String: Any]
      weights["layers.2.bias"] = nil
      file["weights"] = weights
    },
    Breakage(name: "extra weight", message: "unexpected weight 'layers.9.weight'") { file in
      var weights = file["weights"] as! [String: Any]
      weights["layers.9.weight"] = weights["layers.0.bias"]
      file["weights"] = weights
    },
    Breakage(name: "wrong shape", message: "weight 'layers.0.weight' is 3×4, the layer needs 4×12") { file in
      var weights = file["weights"] as! [String: Any]
      var weight = weights["layers.0.weight"] as! [String: Any]
      weight["rows"] = 3
      weight["columns"] = 4
      weight["elements"] = Array((weight["elements"] as! [Double]).prefix(12))
      weights["layers.0.weight"] = weight
      file["weights"] = weights
    },
    Breakage(name: "wrong optimizer slots", message: "momentum needs [momentum_buffer]") { file in
      var optimizer = file["optimizer"] as! [String: Any]
      var state = optimizer["state"] as! [String: Any]
      state["layers.0.weight"] = ["step": 1, "slots": [String: Any]()]
      optimizer["state"] = state
      file["optimizer"] = optimizer
    },
    Breakage(name: "unsupported version", message: "unsupported model file version 2; this nn reads version 1") {
      $0["version"] = 2
    },
    Breakage(name: "foreign format", message: "format 'keras', expected 'nn-model'") { $0["format"] = "keras" },
  ]

  private func savedModel() throws -> (directory: URL, file: [String: Any]) {
    let directory = try CommandRunner.temporaryDirectory()
    let model = directory.appendingPathComponent("model.json")
    let result = try CommandRunner.run(["train", "--iterations", "20", "--save", model.path, "--quiet"])
    #expect(result.status == 0, "\(result.error)")
    return (directory, try ModelFileTests.object(at: model))
  }

  @Test("a broken file is rejected with one line naming the problem", arguments: breakages)
  func rejects(breakage: Breakage) throws {
    var (directory, file) = try savedModel()
    breakage.change(&file)
    let broken = directory.appendingPathComponent("broken.json")
    try JSONSerialization.data(withJSONObject: file).write(to: broken)
    for command in [["eval"], ["predict"], ["train", "--resume", broken.path]] {
      let arguments = command.first == "train" ? command : command + ["--model", broken.path]
      let result = try CommandRunner.run(arguments)
      #expect(result.status == 65, "\(command): \(result.error)")
      #expect(result.error.contains(breakage.message), "\(command): \(result.error)")
      #expect(result.error.split(separator: "\n").count == 1)
    }
  }

  @Test(
    "--resume reads the stored settings strictly under 'training.'",
    arguments: [
      ("learning_rate", nil, "missing key 'training.learning_rate'"),
      ("extra", 1, "unexpected key 'training.extra'"),
      ("batch_size", "sixteen", "'training.batch_size' has the wrong type"),
    ] as [(String, (any Sendable)?, String)])
  func strictSettings(key: String, value: (any Sendable)?, message: String) throws {
    var (directory, file) = try savedModel()
    var training = try #require(file["training"] as? [String: Any])
    training[key] = value
    file["training"] = training
    let broken = directory.appendingPathComponent("broken.json")
    try JSONSerialization.data(withJSONObject: file).write(to: broken)
    let result = try CommandRunner.run(["train", "--resume", broken.path, "--quiet"])
    #expect(result.status == 65, "\(result.error)")
    #expect(result.error.contains("broken.json: \(message)"), "\(result.error)")
  }

  @Test("a file that is not JSON, and a missing file")
  func notJSON() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let broken = directory.appendingPathComponent("broken.json")
    try Data("{\"format\": nn".utf8).write(to: broken)
    var result = try CommandRunner.run(["eval", "--model", broken.path])
    #expect(result.status == 65)
    #expect(result.error.contains("is not a model file: it is not valid JSON"))
    result = try CommandRunner.run(["predict", "--model", directory.appendingPathComponent("none.json").path])
    #expect(result.status == 66)
    #expect(result.error.contains("no such model file"))
  }
}

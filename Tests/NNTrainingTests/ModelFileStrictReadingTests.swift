import Foundation
import NNCore
@_spi(Internals) import NNLayers
@_spi(Internals) import NNTraining
import Testing

/// Strict reading and loading in Swift: each kind of broken file gives a ``ModelFileError`` whose one line names
/// the file and the key at fault.
@Suite("model file: strict reading")
struct ModelFileStrictReadingTests {
  /// One way to break a saved model's JSON object, and a part of the message it must give.
  struct Breakage: CustomTestStringConvertible, Sendable {
    /// What is broken.
    let name: String
    /// A part of the one-line error.
    let message: String
    /// Breaks the object.
    let change: @Sendable (inout [String: Any]) -> Void
    /// The test case's name.
    var testDescription: String { name }
  }

  static let breakages: [Breakage] = [
    Breakage(name: "foreign format", message: "not a model file: format 'keras', expected 'nn-model'") {
      $0["format"] = "keras"
    },
    Breakage(name: "no format", message: "not a model file: format none") { $0["format"] = nil },
    Breakage(name: "version 2", message: "unsupported model file version 2; this nn reads version 1") {
      $0["version"] = 2
    },
    Breakage(name: "missing key", message: "missing key 'network.input_width'") { file in
      change(&file, "network") { $0["input_width"] = nil }
    },
    Breakage(name: "missing nested key", message: "missing key 'optimizer.state.layers.0.bias.step'") { file in
      change(&file, "optimizer") { optimizer in
        var state = optimizer["state"] as! [String: Any]
        var bias = state["layers.0.bias"] as! [String: Any]
        bias["step"] = nil
        state["layers.0.bias"] = bias
        optimizer["state"] = state
      }
    },
    Breakage(name: "extra key", message: "unexpected key 'network.depth'") { file in
      change(&file, "network") { $0["depth"] = 3 }
    },
    Breakage(name: "extra top-level key", message: "unexpected key 'comment'") { $0["comment"] = "hello" },
    Breakage(name: "wrong type", message: "'network.input_width' has the wrong type") { file in
      change(&file, "network") { $0["input_width"] = "three" }
    },
    Breakage(name: "wrong shape", message: "weight 'layers.0.weight' is 2×5, the layer needs 3×5") { file in
      change(&file, "weights") { weights in
        var weight = weights["layers.0.weight"] as! [String: Any]
        weight["rows"] = 2
        weight["elements"] = Array((weight["elements"] as! [Double]).prefix(10))
        weights["layers.0.weight"] = weight
      }
    },
    Breakage(name: "missing weight", message: "missing weight 'layers.2.bias'") { file in
      change(&file, "weights") { $0["layers.2.bias"] = nil }
    },
    Breakage(name: "wrong optimizer slots", message: "momentum needs [momentum_buffer]") { file in
      change(&file, "optimizer") { optimizer in
        var state = optimizer["state"] as! [String: Any]
        state["layers.0.weight"] = ["step": 1, "slots": [String: Any]()]
        optimizer["state"] = state
      }
    },
    Breakage(name: "bad standardisation", message: "standardization:") { file in
      file["standardization"] = ["means": [0.0, 0.0, 0.0], "scales": [1.0, 0.0, 1.0]]
    },
    Breakage(name: "class names for another width", message: "3 class names for a network with 2 outputs") {
      $0["class_names"] = ["a", "b", "c"]
    },
  ]

  /// Changes one member object of `file`.
  private static func change(_ file: inout [String: Any], _ key: String, _ body: (inout [String: Any]) -> Void) {
    var member = file[key] as! [String: Any]
    body(&member)
    file[key] = member
  }

  /// The error of loading `data` from a file, or `nil` when it loads.
  private func loadingError(_ data: Data) throws -> ModelFileError? {
    let folder = try ModelFileFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("broken.json").path
    try data.write(to: URL(fileURLWithPath: path))
    do {
      _ = try LoadedModel(path: path, registry: TestRegistry.shared)
      return nil
    } catch {
      guard case .invalidContent(let reported, _) = error else { return error }
      #expect(reported == path)
      return error
    }
  }

  @Test("the unbroken file loads")
  func unbroken() throws {
    #expect(try loadingError(try JSONSerialization.data(withJSONObject: try ModelFileFixture.savedObject())) == nil)
  }

  @Test("a broken file is rejected with one line naming the file and the problem", arguments: breakages)
  func rejects(breakage: Breakage) throws {
    var object = try ModelFileFixture.savedObject()
    breakage.change(&object)
    let error = try #require(try loadingError(try JSONSerialization.data(withJSONObject: object)))
    guard case .invalidContent = error else {
      Issue.record("expected invalid content, got \(error)")
      return
    }
    #expect(error.description.contains(breakage.message), "\(error)")
    #expect(error.description.contains("broken.json: "), "the message names the file: \(error)")
    #expect(!error.description.contains("\n"))
  }

  @Test("a file that is not JSON, or not an object")
  func notJSON() throws {
    let truncated = try #require(try loadingError(Data("{\"format\": nn".utf8)))
    #expect(truncated.description.hasSuffix("broken.json: this is not a model file: it is not valid JSON"))
    let array = try #require(try loadingError(Data("[1, 2]".utf8)))
    #expect(array.description.contains("this is not a model file: expected a JSON object"))
  }

  @Test("a missing file is its own error")
  func missing() throws {
    let path = "/nonexistent/model.json"
    #expect(throws: ModelFileError.missing(path: path)) { try ModelFile.read(path: path) }
    #expect(ModelFileError.missing(path: path).description == "no such model file /nonexistent/model.json")
  }

  @Test("an unknown component: the message names it and lists the registered ones")
  func unknownComponent() throws {
    var object = try ModelFileFixture.savedObject()
    Self.change(&object, "network") { network in
      var layers = network["layers"] as! [[String: Any]]
      layers[1]["name"] = "softsign"
      network["layers"] = layers
    }
    let error = try #require(try loadingError(try JSONSerialization.data(withJSONObject: object)))
    let message = error.description
    #expect(message.contains("network.layers[1]: unknown layer 'softsign'"), "\(message)")
    for name in ["dense", "tanh", "relu", "sigmoid"] { #expect(message.contains(name), "\(name): \(message)") }
  }

  @Test(
    "a program's settings are read strictly under 'training.'",
    arguments: [
      ("{\"learningRate\": 0.1, \"layers\": [2]}", "missing key 'training.seed'"),
      ("{\"learningRate\": 0.1, \"seed\": 1, \"layers\": [2], \"extra\": true}", "unexpected key 'training.extra'"),
      ("{\"learningRate\": \"fast\", \"seed\": 1, \"layers\": [2]}", "'training.learningRate' has the wrong type"),
      ("{\"learningRate\": 0.1, \"seed\": 1, \"layers\": [\"two\"]}", "'training.layers[0]' has the wrong type"),
    ])
  func strictTraining(training: String, message: String) throws {
    var file = ModelFile(trainer: try ModelFileFixture.trainer(steps: 0))
    file.training = try JSONDecoder().decode([String: JSONValue].self, from: Data(training.utf8))
    do {
      _ = try file.training(as: ExampleSettings.self, path: "model.json")
      Issue.record("the settings were accepted")
    } catch {
      #expect(error.description.hasPrefix("model.json: "), "\(error)")
      #expect(error.description.contains(message), "\(error)")
    }
  }
}

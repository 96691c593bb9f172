import Foundation
import Testing

/// `nn eval` and `nn predict` on a model whose predictions can be worked out by hand.
@Suite("nn eval and nn predict")
struct EvalPredictCommandTests {
  /// Five samples of one feature, classes `a` and `b`.
  static let tinyData = "x,label\n1,a\n2,a\n-1,a\n-1,b\n1,b\n"

  /// A saved softmax regression on ``tinyData`` whose weights are set to `W = [1, −1]`, `b = 0`: the logits
  /// are `(x, −x)`, so it predicts `a` for positive `x` and `b` for negative `x`.
  private func handMadeModel() throws -> (directory: URL, model: URL, data: URL) {
    let directory = try CommandRunner.temporaryDirectory()
    let data = directory.appendingPathComponent("tiny.csv")
    try Data(Self.tinyData.utf8).write(to: data)
    let model = directory.appendingPathComponent("model.json")
    let result = try CommandRunner.run([
      "train", "--data", data.path, "--layers", "", "--iterations", "1", "--batch-size", "5", "--save", model.path,
      "--quiet",
    ])
    #expect(result.status == 0, "\(result.error)")
    var file = try ModelFileTests.object(at: model)
    file["weights"] = [
      "layers.0.weight": ["rows": 1, "columns": 2, "elements": [1.0, -1.0]],
      "layers.0.bias": ["rows": 1, "columns": 2, "elements": [0.0, 0.0]],
    ]
    try JSONSerialization.data(withJSONObject: file).write(to: model)
    return (directory, model, data)
  }

  @Test("the confusion matrix, precision, recall and F1 of a hand-checked case")
  func handCheckedMetrics() throws {
    let (_, model, data) = try handMadeModel()
    let result = try CommandRunner.run(["eval", "--model", model.path, "--data", data.path, "--json"])
    #expect(result.status == 0, "\(result.error)")
    let json = try result.json()
    // Predictions: x = 1 → a, 2 → a, −1 → b, −1 → b, 1 → a. True a: 2 right, 1 as b; true b: 1 as a, 1 right.
    #expect(json["confusion"] as? [[Int]] == [[2, 1], [1, 1]])
    #expect(json["accuracy"] as? Double == 3.0 / 5.0)
    let classes = try #require(json["classes"] as? [[String: Any]])
    #expect(classes.map { $0["name"] as? String } == ["a", "b"])
    // a: precision 2/(2+1), recall 2/(2+1); b: precision 1/(1+1), recall 1/(1+1); F1 equals both when they agree.
    #expect(classes[0]["precision"] as? Double == 2.0 / 3.0)
    #expect(classes[0]["recall"] as? Double == 2.0 / 3.0)
    #expect(abs(try #require(classes[0]["f1"] as? Double) - 2.0 / 3.0) < 1e-15)
    #expect(classes[1]["precision"] as? Double == 0.5)
    #expect(classes[1]["recall"] as? Double == 0.5)
    #expect(classes[1]["support"] as? Int == 2)
    // Mean cross-entropy: P(a | x) = σ(2x), so −log σ(±2x) per sample.
    func minusLogSigmoid(_ z: Double) -> Double { log(1 + exp(-z)) }
    let expected =
      [minusLogSigmoid(2), minusLogSigmoid(4), minusLogSigmoid(-2), minusLogSigmoid(2), minusLogSigmoid(-2)]
      .reduce(0, +) / 5
    #expect(abs(try #require(json["loss"] as? Double) - expected) < 1e-12)

    let text = try CommandRunner.run(["eval", "--model", model.path, "--data", data.path])
    #expect(text.status == 0, "\(text.error)")
    #expect(text.output.contains("accuracy 0.6000"))
    #expect(text.output.contains("confusion matrix (rows: true class, columns: predicted class)"))
  }

  @Test("predict prints one CSV row per sample: the class, then each class's probability")
  func predictCSV() throws {
    let (directory, model, data) = try handMadeModel()
    let result = try CommandRunner.run(["predict", "--model", model.path, "--data", data.path])
    #expect(result.status == 0, "\(result.error)")
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines.count == 6)
    #expect(lines[0] == "predicted,a,b")
    let first = lines[1].split(separator: ",").map(String.init)
    #expect(first[0] == "a")
    #expect(abs(Double(first[1])! - 1 / (1 + exp(-2.0))) < 1e-15)
    #expect(lines.dropFirst().map { $0.split(separator: ",")[0] } == ["a", "a", "b", "b", "a"])

    let output = directory.appendingPathComponent("predictions.csv")
    let written = try CommandRunner.run([
      "predict", "--model", model.path, "--data", data.path, "--output", output.path,
    ])
    #expect(written.status == 0, "\(written.error)")
    #expect(try String(contentsOf: output, encoding: .utf8) == result.output)
  }

  @Test("predict writes a MAT file with the predicted classes and the probabilities")
  func predictMAT() throws {
    let (directory, model, data) = try handMadeModel()
    let output = directory.appendingPathComponent("predictions.mat")
    let result = try CommandRunner.run(["predict", "--model", model.path, "--data", data.path, "--output", output.path])
    #expect(result.status == 0, "\(result.error)")
    let inspected = try CommandRunner.run(["inspect", output.path, "--json"])
    #expect(inspected.status == 0, "\(inspected.error)")
    #expect(inspected.output.contains("predicted"))
    #expect(inspected.output.contains("probabilities"))
    let bad = try CommandRunner.run([
      "predict", "--model", model.path, "--data", data.path, "--output", directory.appendingPathComponent("p.txt").path,
    ])
    #expect(bad.status == 64)
    #expect(bad.error.contains("--output must end in .csv or .mat"))
  }

  @Test("regression: eval reports MSE, MAE and R²; predict takes a file of features only")
  func regression() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let data = directory.appendingPathComponent("line.csv")
    let rows = (0..<20).map { index -> String in
      let a = Double(index) / 20
      let b = Double((index * 7) % 20) / 20
      return "\(a),\(b),\(2 * a - b + 0.5)"
    }
    try Data((["a,b,y"] + rows).joined(separator: "\n").utf8).write(to: data)
    let model = directory.appendingPathComponent("model.json")
    let trained = try CommandRunner.run([
      "train", "--data", data.path, "--layers", "", "--iterations", "2000", "--optimizer", "adam", "--lr", "0.05",
      "--save", model.path, "--json",
    ])
    #expect(trained.status == 0, "\(trained.error)")
    let result = try CommandRunner.run(["eval", "--model", model.path, "--data", data.path, "--json"])
    #expect(result.status == 0, "\(result.error)")
    let json = try result.json()
    let loss = try #require(try trained.json()["loss"] as? Double)
    #expect(abs(try #require(json["mse"] as? Double) - loss) <= 1e-12 * max(1, loss))
    #expect(try #require(json["r2"] as? Double) > 0.99)
    #expect(json["mae"] is Double)
    let features = directory.appendingPathComponent("features.csv")
    try Data("a,b\n0.5,0.25\n0,0\n".utf8).write(to: features)
    let predicted = try CommandRunner.run(["predict", "--model", model.path, "--data", features.path])
    #expect(predicted.status == 0, "\(predicted.error)")
    let lines = predicted.output.split(separator: "\n").map(String.init)
    #expect(lines.first == "output")
    #expect(abs(try #require(Double(lines[1])) - 1.25) < 0.05)
  }

  @Test("data of another width than the model's is an error")
  func widthMismatch() throws {
    let (_, model, _) = try handMadeModel()
    for command in ["eval", "predict"] {
      let result = try CommandRunner.run([command, "--model", model.path, "--data", "iris"])
      #expect(result.status == 65)
      #expect(result.error.contains("the model takes 1 feature, iris has 4"), "\(result.error)")
    }
  }
}

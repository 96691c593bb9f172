import Foundation
import Testing

/// `nn train` on data files, with a held-out test part and standardisation: the seed's sphere network.
@Suite("nn train with data files")
struct TrainDataFlagsTests {
  private func sphereFile() throws -> URL {
    let directory = try CommandRunner.temporaryDirectory()
    let file = directory.appendingPathComponent("samples.mat")
    let result = try CommandRunner.run(["data", "sphere", "--out", file.path, "--seed", "4"])
    #expect(result.status == 0, "\(result.error)")
    return file
  }

  @Test("the seed's 3-3-2-1 sigmoid network: one sigmoid unit takes the 0/1 label")
  func sphereNetwork() throws {
    let file = try sphereFile()
    let result = try CommandRunner.run([
      "train", "--data", file.path, "--layers", "3,2", "--activation", "sigmoid", "--output-activation", "sigmoid",
      "--loss", "mse", "--lr", "0.1", "--batch-size", "128", "--sampling", "subset", "--iterations", "3000", "--json",
    ])
    #expect(result.status == 0, "\(result.error)")
    let json = try result.json()
    #expect(json["network"] as? String == "3-3-2-1")
    #expect(json["accuracy"] as? Double == 1)
  }

  @Test(
    "the seed's experiment: stop at a target loss and report per-layer gradient norms", arguments: ["sigmoid", "relu"])
  func targetLossAndGradients(activation: String) throws {
    let file = try sphereFile()
    let result = try CommandRunner.run([
      "train", "--data", file.path, "--layers", "3,2", "--activation", activation, "--output-activation", "sigmoid",
      "--loss", "mse", "--lr", "0.1", "--batch-size", "128", "--sampling", "subset", "--target-loss", "0.01",
      "--log-every", "100", "--report-gradients", "--json",
    ])
    #expect(result.status == 0, "\(result.error)")
    let json = try result.json()
    #expect(json["target_reached"] as? Bool == true)
    let iterations = try #require(json["iterations"] as? Int)
    #expect(iterations % 100 == 0 && iterations < 100_000)
    let gradients = try #require(json["gradients"] as? [[String: Any]])
    // One row per dense layer (layers 1, 3 and 5 of dense, activation, dense, activation, dense, sigmoid).
    #expect(gradients.compactMap { $0["layer"] as? Int } == [1, 3, 5])
    for row in gradients {
      #expect(try #require(row["error_term_norm"] as? Double) > 0)
      #expect(try #require(row["weight_gradient_norm"] as? Double) > 0)
    }
  }

  @Test("a held-out, standardised test part is reported beside the training figures")
  func testFraction() throws {
    let result = try CommandRunner.run([
      "train", "--test-fraction", "0.3", "--standardize", "--json", "--epochs", "300",
    ])
    #expect(result.status == 0, "\(result.error)")
    let json = try result.json()
    // Iris, stratified: 15 of each class held out, 105 samples trained on per epoch.
    #expect(json["samples"] as? Int == 300 * 105)
    #expect(try #require(json["test_accuracy"] as? Double) > 0.85)
    #expect(json["test_loss"] is Double)
  }

  @Test("two outputs with softmax for a two-class problem")
  func softmaxTwoClasses() throws {
    let file = try sphereFile()
    let result = try CommandRunner.run(["train", "--data", file.path, "--layers", "3", "--json", "--epochs", "50"])
    #expect(result.status == 0, "\(result.error)")
    #expect(try result.json()["network"] as? String == "3-3-2")
  }

  @Test("labels that are not integers are refused for a classification loss")
  func regressionLabelsWithAClassificationLoss() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let file = directory.appendingPathComponent("real.csv")
    try "a,b,y\n1,2,0.5\n2,3,1.5\n3,4,2.5\n".write(to: file, atomically: true, encoding: .utf8)
    let refused = try CommandRunner.run(["train", "--data", file.path, "--loss", "softmax_cross_entropy"])
    #expect(refused.status == 65, "\(refused.error)")
    #expect(refused.error.contains("real.csv"), "\(refused.error)")
    #expect(refused.error.split(separator: "\n").count == 1)
    let regression = try CommandRunner.run(["train", "--data", file.path, "--layers", "4", "--json", "--epochs", "5"])
    #expect(regression.status == 0, "\(regression.error)")
    #expect(try regression.json()["network"] as? String == "2-4-1")
  }

  @Test(
    "bad data flags are usage errors",
    arguments: [
      (["--test-fraction", "1.5"], "--test-fraction"),
      (["--test-fraction", "0"], "--test-fraction"),
      (["--outputs", "5"], "--outputs 5"),
      (["--format", "xml"], "unknown --format"),
      (["--target-loss", "0"], "--target-loss"),
      (["--log-every", "0"], "--log-every"),
    ] as [([String], String)])
  func badFlags(arguments: [String], message: String) throws {
    let result = try CommandRunner.run(["train", "--quiet"] + arguments)
    #expect(result.status == 64, "\(result.error)")
    #expect(result.error.contains(message), "\(result.error)")
  }
}

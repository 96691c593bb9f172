import Foundation
import Testing

/// The logistic-regression tutorial: no hidden layer, one sigmoid unit, binary cross-entropy, on two iris classes.
@Suite("Logistic regression on two iris classes")
struct LogisticRegressionTests {
  private let pair = "Iris-versicolor,Iris-virginica"

  @Test("--layers \"\" with --classes trains a 4-1 logistic regression that separates versicolor from virginica")
  func trains() throws {
    let result = try CommandRunner.run([
      "train", "--classes", pair, "--layers", "", "--loss", "binary_cross_entropy", "--standardize", "--epochs",
      "200", "--json",
    ])
    #expect(result.status == 0, "\(result.error)")
    let json = try result.json()
    #expect(json["network"] as? String == "4-1")
    // 100 samples, 50 a class: guessing one class scores 0.5; a linear boundary scores about 0.97.
    #expect(json["samples"] as? Int == 200 * 100)
    #expect((json["accuracy"] as? Double ?? 0) >= 0.93)
  }

  @Test("a model of two classes evaluates on those classes and names them when the data has more")
  func evaluatesOnItsClasses() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let model = directory.appendingPathComponent("logistic.json").path
    let trained = try CommandRunner.run([
      "train", "--classes", pair, "--layers", "", "--loss", "binary_cross_entropy", "--epochs", "50", "--quiet",
      "--save", model,
    ])
    #expect(trained.status == 0, "\(trained.error)")
    let refused = try CommandRunner.run(["eval", "--model", model, "--data", "iris"])
    #expect(refused.status == 65)
    #expect(refused.error.contains("'Iris-setosa'") && refused.error.contains("--classes \(pair)"), "\(refused.error)")
    let evaluated = try CommandRunner.run(["eval", "--model", model, "--data", "iris", "--classes", pair, "--json"])
    #expect(evaluated.status == 0, "\(evaluated.error)")
    #expect(try evaluated.json()["samples"] as? Int == 100)
  }

  @Test(
    "bad --classes values are usage errors naming the problem",
    arguments: [
      ("Iris-versicolor,Iris-virginics", "no class 'Iris-virginics'"),
      ("Iris-versicolor", "at least two class names"),
      ("Iris-versicolor,,Iris-virginica", "--classes needs comma-separated class names"),
    ])
  func badClasses(value: String, message: String) throws {
    let result = try CommandRunner.run(["train", "--quiet", "--classes", value])
    #expect(result.status == 64, "\(result.error)")
    #expect(result.error.contains(message), "\(result.error)")
  }
}

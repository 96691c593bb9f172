import Foundation
import Testing

/// Where `nn train`'s learning rate comes from: `--lr`, the optimizer specification, or the optimizer's default.
@Suite("nn train learning rate")
struct TrainLearningRateTests {
  /// The base learning rate and the optimizer's stored `learning_rate` of a saved five-epoch run.
  private func storedRates(_ arguments: [String]) throws -> (base: Double?, optimizer: Double?) {
    let model = try CommandRunner.temporaryDirectory().appendingPathComponent("model.json")
    let result = try CommandRunner.run(["train", "--quiet", "--epochs", "5", "--save", model.path] + arguments)
    #expect(result.status == 0, "\(result.error)")
    let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: model)) as? [String: Any])
    let training = file["training"] as? [String: Any]
    let optimizer = (file["optimizer"] as? [String: Any])?["configuration"] as? [String: Any]
    let arguments = optimizer?["arguments"] as? [String: Any]
    return (training?["learning_rate"] as? Double, arguments?["learning_rate"] as? Double)
  }

  @Test(
    "the rate is --lr, else the specification's, else the optimizer's registered default",
    arguments: [
      ([], 0.02),
      (["--optimizer", "adam"], 0.001),
      (["--optimizer", "sgd"], 0.01),
      (["--optimizer", "adam(learning_rate=0.005)"], 0.005),
      (["--optimizer", "adam", "--lr", "0.03"], 0.03),
    ] as [([String], Double)])
  func resolution(arguments: [String], expected: Double) throws {
    let rates = try storedRates(arguments)
    #expect(rates.base == expected)
    #expect(rates.optimizer == expected)
  }

  @Test("a rate given both ways is a usage error")
  func givenTwice() throws {
    let result = try CommandRunner.run(["train", "--quiet", "--optimizer", "sgd(learning_rate=0.1)", "--lr", "0.2"])
    #expect(result.status == 64)
    #expect(result.error.contains("give the learning rate once"), "\(result.error)")
  }
}

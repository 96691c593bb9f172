import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining
import TestScratch

/// A small trained model for the model-file tests: 3 standardised features, a 3-5-2 tanh/softmax network trained
/// a few momentum steps, so its optimizer state is not empty.
enum ModelFileFixture {
  /// Features with other means and scales than 0 and 1, so a forgotten standardisation shows.
  static let features = Matrix([
    [5, -1, 20], [6, 0, 22], [4, -2, 19], [7, 1, 25], [5.5, 0.5, 21], [4.5, -0.5, 18],
  ])
  /// One-hot targets of two classes.
  static let targets = Matrix([[1, 0], [0, 1], [1, 0], [0, 1], [0, 1], [1, 0]])

  /// The standardisation fitted to ``features``.
  static func standardization() throws -> Standardization { try Standardization(fittedTo: features) }

  /// A trainer after `steps` momentum steps on the standardised features.
  static func trainer(steps: Int = 5) throws -> Trainer {
    let registry = TestRegistry.shared
    let random = RandomSource(seed: 11)
    let network = try Sequential(
      inputWidth: 3, layers: ["dense(5)", "tanh", "dense(2)", "softmax"].map { try registry.layer($0) },
      initializer: XavierUniformInitializer(), random: random)
    var trainer = Trainer(
      network: network, loss: try registry.loss("softmax_cross_entropy"),
      optimizer: try registry.optimizer("momentum(learning_rate=0.1)"))
    let inputs = try standardization().applied(to: features)
    for _ in 0..<steps { _ = try trainer.step(inputs: inputs, targets: targets, random: random) }
    return trainer
  }

  /// The saved model's JSON object.
  static func savedObject() throws -> [String: Any] {
    let file = ModelFile(trainer: try trainer(), standardization: try standardization(), classNames: ["a", "b"])
    let object = try JSONSerialization.jsonObject(with: try file.jsonData()) as? [String: Any]
    guard let object else { throw ModelFileError.invalidContent(path: "fixture", reason: "not an object") }
    return object
  }

  /// A new, empty folder.
  static func temporaryFolder() throws -> URL { try ScratchDirectory.make(prefix: "model-file-") }
}

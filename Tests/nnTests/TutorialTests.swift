import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining
import Testing

/// The README's four tutorials in Swift, run as tests. Each block between `// tutorial:` and `// end` is the
/// README's Swift code word for word (``readmeBlocksAreTheseBlocks()`` checks it), followed by what it must reach.
@Suite("README tutorials")
struct TutorialTests {
  @Test("the iris NeuronNetwork: sigmoid everywhere, summed squared error, batches drawn with replacement")
  func iris() throws {
    // tutorial: iris
    let iris = try IrisLoader.bundled()
    let random = RandomSource(seed: 1)
    let network = try Sequential(
      inputWidth: 4,
      layers: [
        Dense(units: 12, bias: false), ActivationLayer(Sigmoid()),
        Dense(units: 6, bias: false), ActivationLayer(Sigmoid()),
        Dense(units: 3, bias: false), ActivationLayer(Sigmoid()),
      ],
      initializer: UniformInitializer(), random: random)  // np.random.rand: U[0, 1)
    let trainer = Trainer(
      network: network, loss: MeanSquaredError(reduction: .sum), optimizer: try SGD(learningRate: 0.01))
    var run = try TrainingRun(trainer: trainer, random: random, batchSize: 64, sampling: .replacement)
    let losses = try run.fit(iris, epochs: 2000).history.entries.map(\.trainingLoss)  // each epoch's mean batch loss
    let (loss, accuracy) = try run.trainer.evaluate(iris)
    print("batch loss \(losses.first!) → \(losses.last!); loss \(loss), accuracy \(accuracy!)")
    // end
    #expect(losses.last! < losses.first! / 5)
    #expect(accuracy! >= 0.9)
  }

  @Test("the sphere experiment: sigmoid hidden layers learn more slowly than relu")
  func spheres() throws {
    // tutorial: spheres
    let spheres = try SphereData.dataset(random: RandomSource(seed: 4)).withBinaryTargets()
    // or: try DataLoader.load(path: "samples.mat").withBinaryTargets()
    let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self])
    var epochsNeeded: [String: Int] = [:]
    for (hidden, initializer) in [("sigmoid", "xavier_uniform"), ("relu", "he_normal")] {
      let random = RandomSource(seed: 1)
      let network = try Sequential(
        inputWidth: 3,
        layers: try ["dense(3)", hidden, "dense(2)", hidden, "dense(1)", "sigmoid"].map { try registry.layer($0) },
        initializer: try registry.initializer(initializer), random: random)
      let trainer = Trainer(network: network, loss: MeanSquaredError(), optimizer: try SGD(learningRate: 0.1))
      var run = try TrainingRun(trainer: trainer, random: random, batchSize: 128, sampling: .subset)
      var epochs = 0
      while try run.trainer.evaluate(spheres).loss > 0.01, epochs < 100_000 {
        try run.fit(spheres, epochs: 1)
        epochs += 1
      }
      epochsNeeded[hidden] = epochs
    }
    print(epochsNeeded)
    // end
    #expect(epochsNeeded["sigmoid"]! < 100_000)
    #expect(epochsNeeded["relu"]! < epochsNeeded["sigmoid"]!)
  }

  @Test("XOR with a tanh hidden layer and a softmax output under cross-entropy")
  func xor() throws {
    // tutorial: xor
    let xor = try Dataset(
      name: "xor", features: Matrix([[0, 0], [0, 1], [1, 0], [1, 1]]), labels: [0, 1, 1, 0])
    let random = RandomSource(seed: 1)
    let network = try Sequential(
      inputWidth: 2, layers: [Dense(units: 4), ActivationLayer(Tanh()), Dense(units: 2), ActivationLayer(Softmax())],
      initializer: XavierUniformInitializer(), random: random)
    let trainer = Trainer(network: network, loss: SoftmaxCrossEntropy(), optimizer: try Momentum(learningRate: 0.1))
    var run = try TrainingRun(trainer: trainer, random: random, batchSize: 4)
    try run.fit(xor, epochs: 2000)
    let probabilities = try run.trainer.network.predict(xor.features)  // one row per sample: P(0), P(1)
    print(probabilities)
    // end
    for sample in 0..<4 {
      let label = xor.labels![sample]
      #expect(probabilities[sample, label] > 0.95, "sample \(sample): \(probabilities.row(sample))")
    }
  }

  @Test("logistic regression on two iris classes by full-batch gradient descent")
  func logisticRegression() throws {
    // tutorial: logistic
    let pair = try IrisLoader.bundled().selectingClasses(["Iris-versicolor", "Iris-virginica"])
    let data = try Standardization(fittedTo: pair).applied(to: pair).withBinaryTargets()
    let random = RandomSource(seed: 1)
    let network = try Sequential(
      inputWidth: 4, layers: [Dense(units: 1), ActivationLayer(Sigmoid())], initializer: ZerosInitializer(),
      random: random)
    let trainer = Trainer(network: network, loss: BinaryCrossEntropy(), optimizer: try SGD(learningRate: 0.5))
    var run = try TrainingRun(trainer: trainer, random: random, batchSize: data.count)  // all m samples a step
    try run.fit(data, epochs: 500)
    let (loss, accuracy) = try run.trainer.evaluate(data)
    let (weights, bias) = (run.trainer.network.parameters[0][0], run.trainer.network.parameters[0][1])
    print("w = \(weights.elements), b = \(bias[0, 0])")
    print("loss \(loss), accuracy \(accuracy!)")
    // end
    // A constant prediction scores 0.5 and a loss of ln 2 ≈ 0.693 on these balanced classes.
    #expect(accuracy! >= 0.95)
    #expect(loss < 0.2)
  }

  @Test("the README's Swift tutorial blocks are the blocks run here")
  func readmeBlocksAreTheseBlocks() throws {
    let here = URL(fileURLWithPath: #filePath)
    let readme = try String(
      contentsOf: here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md"), encoding: .utf8)
    let source = try String(contentsOf: here, encoding: .utf8)
    for name in ["iris", "spheres", "xor", "logistic"] {
      let block = try #require(Self.block(named: name, in: source), "no block '\(name)' here")
      #expect(Self.dedented(readme).contains(block), "README.md lacks the '\(name)' tutorial's Swift code as run here")
    }
  }

  /// The lines between `// tutorial: name` and `// end`, without their common indentation.
  static func block(named name: String, in source: String) -> String? {
    let lines = source.components(separatedBy: "\n")
    guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "// tutorial: \(name)" }),
      let end = lines[start...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "// end" })
    else { return nil }
    return dedented(lines[(start + 1)..<end].joined(separator: "\n"))
  }

  /// The text with every line's leading spaces beyond the least indented non-empty line removed.
  static func dedented(_ text: String) -> String {
    let lines = text.components(separatedBy: "\n")
    let indent =
      lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0.prefix { $0 == " " }.count }.min()
      ?? 0
    return lines.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }.joined(separator: "\n")
  }
}

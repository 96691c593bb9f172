import NNCore
import NNData
import NNLayers
import NNOptim
import Testing

/// The README's tour of the protocol API, compiled and run, so the documentation cannot rot.
@Suite("README tour")
struct ProtocolTourTests {
  @Test("the seed's iris network, assembled and trained in Swift, classifies iris")
  func tour() throws {
    // The code below is the README's, line for line.
    let iris = try IrisLoader.bundled()
    let random = RandomSource(seed: 1)
    let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self])
    let network = try Sequential(
      inputWidth: 4,
      layers: ["dense(12)", "sigmoid", "dense(6)", "sigmoid", "dense(3)", "softmax"].map { try registry.layer($0) },
      initializer: XavierUniformInitializer(), random: random)
    var trainer = Trainer(network: network, loss: SoftmaxCrossEntropy(), optimizer: try Momentum(learningRate: 0.02))
    var sampler = try BatchSampler(for: iris, batchSize: 16, random: random)
    var inputs = Matrix(rows: 16, columns: 4)
    var targets = Matrix(rows: 16, columns: 3)
    for _ in 0..<10_000 {
      try sampler.nextBatch { indices in
        iris.gatherBatch(at: indices, features: &inputs, targets: &targets)
        try trainer.step(inputs: inputs, targets: targets, random: random)
      }
    }
    let (loss, outputs) = try trainer.evaluate(inputs: iris.features, targets: iris.targets)
    let accuracy = Accuracy.of(outputs, labels: iris.labels ?? [])
    print("loss \(loss), accuracy \(accuracy)")
    #expect(accuracy >= 0.95)
    #expect(loss < 0.15)
  }
}

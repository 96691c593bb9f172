import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import Testing

/// Float32 training against float64 training from the same initial weights and the same batches, on the seed's
/// iris network and the digits network: how far apart the two runs drift, bounded.
///
/// The bound. Each step rounds every weight to float32, a relative change of at most `u = 2⁻²⁴ ≈ 6.0e-8`, and
/// computes its gradient with a relative error of a few `u` (about 1e-7 of the largest gradient, measured on
/// both networks). Where the loss is smooth in the weights these errors add up without being amplified, so after
/// `T` steps the weights differ by at most about `T·u` of their largest magnitude: ``smoothBound(steps:)``. Both
/// smooth networks stay well inside it: 1.1e-6 against 1.2e-4 (sigmoid on iris), 1.0e-6 against 2.7e-5 (tanh on
/// digits).
///
/// A ReLU network is not smooth: when a sample's pre-activation lies within rounding of zero, float32 and float64
/// can take opposite sides of the kink, and that unit's weights then part by one sample's share of a gradient
/// (on digits the first such step came after 34 steps, moving one unit's bias by 3e-5 of the largest weight). The
/// two runs then follow nearby paths, and the test bounds what the training gives: the last epoch's mean loss
/// within 2% and the same accuracy (measured: 0.07976 against 0.07983, with the weights 1.9% apart).
@Suite("float32 fidelity")
struct Float32FidelityTests {
  /// The scikit-learn digits split the benchmarks use, next to this package.
  static let benchmarkData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/bench/data")

  /// What one run ends with.
  struct Outcome {
    var losses: [Double]
    var parameters: [Matrix]
    var accuracy: Double
  }

  /// Trains `network` (in its own element type) for `epochs` shuffled epochs of `batchSize` with momentum,
  /// drawing the batches from a source seeded `seed`.
  func train(
    _ network: Sequential, on data: Dataset, epochs: Int, batchSize: Int, learningRate: Double, seed: UInt64,
    fused: Bool = true
  ) throws -> Outcome {
    var trainer = Trainer(
      network: network, loss: SoftmaxCrossEntropy(), optimizer: try Momentum(learningRate: learningRate),
      allowsFusedKernel: fused)
    let random = RandomSource(seed: seed)
    var sampler = try BatchSampler(for: data, batchSize: batchSize, mode: .shuffle, random: random)
    var losses: [Double] = []
    while sampler.epoch < epochs {
      losses.append(
        try sampler.nextBatch { rows in
          try trainer.step(rows: rows, of: data.features, targets: data.targets, random: random)
        })
    }
    let outputs = try trainer.network.predict(data.features)
    let predicted = Accuracy.predictedClasses(outputs)
    let correct = zip(predicted, data.labels ?? []).filter { $0 == $1 }.count
    return Outcome(
      losses: losses, parameters: Array(trainer.network.parameters.joined()),
      accuracy: Double(correct) / Double(data.count))
  }

  /// The largest difference between the elements of two lists of matrices, relative to the largest magnitude of
  /// the second.
  func drift(_ first: [Matrix], _ second: [Matrix]) -> Double {
    var difference = 0.0
    var scale = 0.0
    for (left, right) in zip(first, second) {
      for (a, b) in zip(left.elements, right.elements) {
        difference = max(difference, abs(a - b))
        scale = max(scale, abs(b))
      }
    }
    return difference / scale
  }

  /// Trains the float32 network and its float64 copy side by side; returns the weight drift and the largest
  /// relative difference of the batch losses.
  func compare(
    _ single: Sequential, on data: Dataset, epochs: Int, batchSize: Int, learningRate: Double
  ) throws -> (weights: Double, losses: Double, single: Outcome, double: Outcome) {
    let singleRun = try train(
      single, on: data.converted(to: .float32), epochs: epochs, batchSize: batchSize, learningRate: learningRate,
      seed: 7)
    let doubleRun = try train(
      single.converted(to: .float64), on: data, epochs: epochs, batchSize: batchSize, learningRate: learningRate,
      seed: 7)
    #expect(singleRun.parameters.allSatisfy { $0.elementType == .float32 })
    #expect(singleRun.losses.count == doubleRun.losses.count)
    let lossDrift = zip(singleRun.losses, doubleRun.losses).map { abs($0 - $1) / abs($1) }.max() ?? .infinity
    return (drift(singleRun.parameters, doubleRun.parameters), lossDrift, singleRun, doubleRun)
  }

  @Test("iris, 4-12-6-3 sigmoid, 200 epochs of batch 16: the weights drift within T·u")
  func iris() throws {
    let iris = try IrisLoader.bundled()
    let single = try Sequential(
      inputWidth: 4,
      layers: [
        try Dense(units: 12), ActivationLayer(Sigmoid()), try Dense(units: 6), ActivationLayer(Sigmoid()),
        try Dense(units: 3), ActivationLayer(Softmax()),
      ], initializer: XavierUniformInitializer(), random: RandomSource(seed: 1), elementType: .float32)
    let result = try compare(single, on: iris, epochs: 200, batchSize: 16, learningRate: 0.02)
    let steps = result.double.losses.count
    #expect(steps == 2000)
    #expect(result.weights <= smoothBound(steps: steps), "measured 1.1e-6 against 1.2e-4")
    #expect(result.losses <= 1e-4)
    #expect(result.single.accuracy == result.double.accuracy)
    #expect(result.double.accuracy > 0.95)
  }

  /// `T·u`: the drift of the weights, relative to the largest, that `T` steps of float32 rounding add up to when
  /// the loss is smooth.
  ///
  /// - Parameter steps: The steps taken.
  func smoothBound(steps: Int) -> Double { Double(steps) * ElementType.float32.unitRoundoff }

  /// The digits training split, pixels scaled to [0, 1].
  func digits() throws -> Dataset {
    var options = DataLoadOptions(format: .csv)
    options.targetKind = .classification
    let digits = try DataLoader.load(
      source: Self.benchmarkData.appendingPathComponent("digits_train.csv").path, options: options)
    return try Standardization(means: .init(repeating: 0, count: 64), scales: .init(repeating: 16, count: 64))
      .applied(to: digits)
  }

  /// A 64-128-64-10 network with `activation` in its hidden layers, made in float32.
  func digitsNetwork(_ activation: any Activation) throws -> Sequential {
    try Sequential(
      inputWidth: 64,
      layers: [
        try Dense(units: 128), ActivationLayer(activation), try Dense(units: 64), ActivationLayer(activation),
        try Dense(units: 10), ActivationLayer(Softmax()),
      ], initializer: HeNormalInitializer(), random: RandomSource(seed: 1), elementType: .float32)
  }

  @Test("digits, 64-128-64-10 tanh, 10 epochs of batch 32: the weights drift within T·u")
  func digitsSmooth() throws {
    let data = try digits()
    let result = try compare(try digitsNetwork(Tanh()), on: data, epochs: 10, batchSize: 32, learningRate: 0.01)
    let steps = result.double.losses.count
    #expect(steps == 450)
    #expect(result.weights <= smoothBound(steps: steps), "measured 1.0e-6 against 2.7e-5")
    #expect(result.losses <= 1e-4)
    #expect(result.single.accuracy == result.double.accuracy)
    #expect(result.double.accuracy > 0.95)
  }

  @Test("digits, 64-128-64-10 ReLU, 10 epochs of batch 32: the last epoch's loss within 2%, the same accuracy")
  func digitsRectified() throws {
    let data = try digits()
    let result = try compare(try digitsNetwork(ReLU()), on: data, epochs: 10, batchSize: 32, learningRate: 0.01)
    let epoch = 45  // ⌈1437 / 32⌉ steps
    let single = result.single.losses.suffix(epoch).reduce(0, +) / Double(epoch)
    let double = result.double.losses.suffix(epoch).reduce(0, +) / Double(epoch)
    #expect(abs(single - double) <= 0.02 * double)
    #expect(result.single.accuracy == result.double.accuracy)
    #expect(result.double.accuracy > 0.95)
  }
}

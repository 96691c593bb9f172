import NNCore
import NNData
import NNLayers
import NNOptim

/// The ReLU network of `relu_mlp.py`, shared by `digits` and `wide`: dense layers with biases and ReLU between
/// them, He-uniform weights and zero biases, softmax with mean cross-entropy, SGD (with momentum when the factor is
/// positive), epochs of shuffled mini-batches whose last partial batch is kept.
public final class ReLUNetworkTraining {
  /// The training rows.
  public let features: Matrix
  /// One-hot targets.
  public let targets: Matrix
  /// Class indices.
  public let labels: [Int]
  /// The trainer. (Accessed by one thread at a time, like the sampler: the dynamic exclusivity checks of a
  /// class's stored properties, about 1% of an iris step, are left out.)
  @exclusivity(unchecked) public private(set) var trainer: Trainer
  /// The batch sampler (shuffled epochs).
  @exclusivity(unchecked) public private(set) var sampler: BatchSampler
  private let random: RandomSource

  /// Builds the seeded network for `widths` (input, hidden…, classes) over the given data.
  public init(
    widths: [Int], features: Matrix, labels: [Int], learningRate: Double, momentum: Double, batchSize: Int,
    seed: UInt64, elementType: ElementType = .float64
  ) throws {
    self.features = features.converted(to: elementType)
    self.labels = labels
    targets = BenchmarkData.oneHot(labels, classCount: widths.last!).converted(to: elementType)
    random = RandomSource(seed: seed)
    var layers: [any Layer] = []
    for (index, width) in widths.dropFirst().enumerated() {
      layers.append(try Dense(units: width))
      layers.append(index < widths.count - 2 ? ActivationLayer(ReLU()) : ActivationLayer(Softmax()))
    }
    let network = try Sequential(
      inputWidth: widths[0], layers: layers, initializer: HeUniformInitializer(), random: random,
      elementType: elementType)
    let optimizer: any Optimizer =
      momentum > 0
      ? try Momentum(learningRate: learningRate, momentum: momentum) : try SGD(learningRate: learningRate)
    trainer = Trainer(network: network, loss: SoftmaxCrossEntropy(reduction: .mean), optimizer: optimizer)
    sampler = try BatchSampler(sampleCount: features.rows, batchSize: batchSize, mode: .shuffle, random: random)
  }

  /// One training step; returns the batch's mean loss and its row count.
  @discardableResult
  public func step() throws -> (loss: Double, rows: Int) {
    try sampler.nextBatch { rows in
      (try trainer.step(rows: rows, of: features, targets: targets, random: random), rows.count)
    }
  }

  /// One training step that appends the batch's row indices to `record`; returns the batch's mean loss.
  @discardableResult
  public func step(recordingRowsInto record: inout [[Int]]) throws -> Double {
    try sampler.nextBatch { rows in
      record.append(Array(rows))
      return try trainer.step(rows: rows, of: features, targets: targets, random: random)
    }
  }

  /// The durations of the full-batch steps of the last ``train(epochs:)`` (one thread at a time, as the trainer).
  @exclusivity(unchecked) public private(set) var fullBatchStepTimes = StepTimes()

  /// Trains `epochs` epochs, timing each full-batch step (``fullBatchStepTimes``); returns each epoch's mean loss
  /// over its samples.
  public func train(epochs: Int) throws -> [Double] {
    var epochLosses: [Double] = []
    fullBatchStepTimes = StepTimes()
    fullBatchStepTimes.reserve(epochs * sampler.batchesPerEpoch)
    let batchSize = sampler.batchSize
    for _ in 0..<epochs {
      var total = 0.0
      repeat {
        let start = StepTimes.now()
        let (loss, rows) = try step()
        if rows == batchSize { fullBatchStepTimes.record(since: start) }
        total += loss * Double(rows)
      } while !sampler.isEpochEnd
      epochLosses.append(total / Double(features.rows))
    }
    return epochLosses
  }

  /// The mean loss and accuracy on the given rows.
  public func evaluate(features: Matrix, labels: [Int]) throws -> (loss: Double, accuracy: Double) {
    let targets = BenchmarkData.oneHot(labels, classCount: self.targets.columns)
    let (loss, outputs) = try trainer.evaluate(inputs: features, targets: targets)
    return (loss, Accuracy.of(outputs, labels: labels))
  }
}

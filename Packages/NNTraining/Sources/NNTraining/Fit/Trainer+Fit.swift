import NNCore
import NNData
import NNLayers

extension Trainer {
  /// Trains on a whole data set for a number of epochs: mini-batches drawn by a ``/NNData/BatchSampler``, one optimizer
  /// step per batch, as ``/NNLayers/Trainer/step(rows:of:targets:random:)`` takes it.
  ///
  /// One epoch is ``/NNData/BatchSampler/batchesPerEpoch`` steps, `⌈n / batchSize⌉` for `n` samples. The returned
  /// value of epoch `e` is the mean of its batch losses, `(1/B) Σ_b L_b`, each taken before its step's update.
  /// A learning-rate schedule is applied by setting ``/NNLayers/Trainer/learningRate`` between calls (one epoch a call).
  ///
  /// ```swift
  /// let losses = try trainer.fit(iris, epochs: 500, batchSize: 16, random: random)
  /// ```
  ///
  /// - Parameters:
  ///   - dataset: The samples; its targets must have ``/NNLayers/Trainer/lossWidth`` columns.
  ///   - epochs: Passes over the data, at least 1.
  ///   - batchSize: Samples per step; 16 by default.
  ///   - sampling: How batches are drawn: shuffled epochs (the default), draws with replacement (the iris seed's
  ///     `np.random.choice`) or a fresh subset per batch.
  ///   - random: The source of the batches and of random layers such as dropout.
  /// - Returns: The mean batch loss of each epoch, first to last.
  /// - Throws: ``/NNData/DataError/invalidArgument(name:problem:)`` for fewer than one epoch or a bad batch size;
  ///   ``/NNLayers/NetworkError`` for widths that do not match, or ``/NNLayers/NetworkError/nonFiniteLoss(step:value:)`` naming the
  ///   step where training diverged (the step's update has been applied).
  @discardableResult
  public mutating func fit(
    _ dataset: Dataset, epochs: Int, batchSize: Int = 16, sampling: SamplingMode = .shuffle, random: RandomSource
  ) throws -> [Double] {
    guard epochs >= 1 else {
      throw DataError.invalidArgument(name: "epochs", problem: "expected at least 1, got \(epochs)")
    }
    var sampler = try BatchSampler(for: dataset, batchSize: batchSize, mode: sampling, random: random)
    var history: [Double] = []
    history.reserveCapacity(epochs)
    var step = 0
    for _ in 0..<epochs {
      var total = 0.0
      for _ in 0..<sampler.batchesPerEpoch {
        step += 1
        let loss = try sampler.nextBatch { rows in
          try self.step(rows: rows, of: dataset.features, targets: dataset.targets, random: random)
        }
        guard loss.isFinite else { throw NetworkError.nonFiniteLoss(step: step, value: loss) }
        total += loss
      }
      history.append(total / Double(sampler.batchesPerEpoch))
    }
    return history
  }

  /// The loss over a whole data set in inference mode and, for classification, the accuracy: the share of
  /// samples whose largest output is at their label (a single output counts as class 1 when it is above 0.5).
  ///
  /// - Parameter dataset: The samples; its targets must have ``/NNLayers/Trainer/lossWidth`` columns.
  /// - Returns: The loss, and the accuracy or `nil` for regression.
  /// - Throws: ``/NNLayers/NetworkError`` when the widths do not match.
  public func evaluate(_ dataset: Dataset) throws -> (loss: Double, accuracy: Double?) {
    let (loss, outputs) = try evaluate(inputs: dataset.features, targets: dataset.targets)
    return (loss, dataset.labels.map { Accuracy.of(outputs, labels: $0) })
  }
}

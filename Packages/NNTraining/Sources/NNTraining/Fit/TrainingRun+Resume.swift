import Foundation
import NNCore
import NNData
import NNLayers

extension TrainingRun {
  /// A run that continues a saved model exactly: its network, loss, optimizer and optimizer state, its step count,
  /// and its random state; the first fit on data of the saved size with the saved batch size and sampling replays
  /// the saved batch stream to where it stopped, so the batches continue as if training had never paused.
  ///
  /// ```swift
  /// let model = try LoadedModel(path: "iris.json", registry: registry)
  /// var run = try TrainingRun(resuming: model, random: RandomSource(seed: 1), batchSize: 16)
  /// try run.fit(iris, epochs: 10)
  /// ```
  ///
  /// - Parameters:
  ///   - model: The loaded model.
  ///   - random: A generator of the kind the model was trained with (`mt19937`); its state is replaced by the
  ///     model's (a file that stores no random state leaves it as it is).
  ///   - batchSize: Samples per step.
  ///   - sampling: How batches are drawn.
  ///   - allowsFusedKernel: Whether the fused kernel for small dense networks may be used.
  /// - Throws: ``TrainingError`` (of kind data) when the stored random state does not fit the generator or the
  ///   step count is negative; for a batch size below 1.
  public init(
    resuming model: LoadedModel, random: RandomSource, batchSize: Int = 16, sampling: SamplingMode = .shuffle,
    allowsFusedKernel: Bool = true
  ) throws(TrainingError) {
    let progress = model.file.progress
    // A file that stores no random state (written without progress) continues from `random` as it is.
    let storesRandomState = !(progress.generator.isEmpty && progress.randomState.isEmpty)
    guard
      !storesRandomState
        || (progress.generator == random.generatorName
          && Data(base64Encoded: progress.randomState).map { random.restoreState(Array($0)) } == true)
    else {
      throw TrainingError(
        "the model file's random state does not fit a \(random.generatorName) generator", kind: .data)
    }
    guard progress.iterations >= 0 else {
      throw TrainingError("the model file's progress.iterations is negative", kind: .data)
    }
    try self.init(
      trainer: model.trainer(allowsFusedKernel: allowsFusedKernel), random: random, batchSize: batchSize,
      sampling: sampling, completedSteps: progress.iterations)
    resumedStream = progress.sampler
  }

  /// The model file of the run now: network, weights, optimizer state, loss, step count, random state and batch
  /// stream, so a later run continues exactly.
  ///
  /// - Parameters:
  ///   - standardization: The standardisation the inputs went through, if any.
  ///   - classNames: The class names in output order; empty for regression.
  ///   - featureNames: The feature names.
  ///   - seed: The seed the run was started with.
  public func modelFile(
    standardization: Standardization? = nil, classNames: [String] = [], featureNames: [String] = [], seed: UInt64 = 0
  ) -> ModelFile {
    ModelFile(
      trainer: trainer, standardization: standardization, classNames: classNames, featureNames: featureNames,
      seed: seed, progress: StoredProgress(iterations: completedSteps, random: random, sampler: batchStream))
  }

  /// Makes the sampler of a fit: the current stream when it draws from data of this size; else the resumed
  /// model's stream, replayed from its start so its permutation is the saved run's (then the generator goes back
  /// to the saved state); else a new stream from here.
  ///
  /// - Parameter dataset: The fit's training part.
  mutating func prepareSampler(for dataset: Dataset) throws {
    if let sampler, sampler.sampleCount == dataset.count { return }
    let mode = sampling
    if let stored = resumedStream, stored.batchSize == batchSize, stored.sampling == mode.rawValue,
      stored.samples == dataset.count, let start = Data(base64Encoded: stored.startState)
    {
      resumedStream = nil
      let saved = random.stateBytes
      guard random.restoreState(Array(start)) else {
        throw TrainingError("the model file's sampler state does not fit the generator", kind: .data)
      }
      var replayed = try BatchSampler(for: dataset, batchSize: batchSize, mode: mode, random: random)
      if mode != .replacement {
        for _ in 0..<stored.batches { replayed.nextBatch { _ in } }
      }
      random.restoreState(saved)
      batchStream = stored
      sampler = replayed
      return
    }
    resumedStream = nil
    batchStream = StoredSamplerProgress(
      startState: Data(random.stateBytes).base64EncodedString(), batches: 0, batchSize: batchSize,
      sampling: mode.rawValue, samples: dataset.count)
    sampler = try BatchSampler(for: dataset, batchSize: batchSize, mode: mode, random: random)
  }
}

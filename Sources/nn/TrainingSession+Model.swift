import Foundation
import NNCore
import NNData
import NNLayers
import NNTraining

extension TrainingSession {
  /// The model file for the session's current state: network, weights, optimizer state, loss,
  /// standardisation, class and feature names, settings, step count and random state.
  func modelFile() throws -> ModelFile {
    var file = ModelFile(
      trainer: trainer, standardization: data.standardization,
      classNames: dataset.isClassification ? dataset.classNames : [], featureNames: dataset.featureNames,
      seed: settings.seed,
      progress: StoredProgress(iterations: completedIterations, random: random, sampler: batchStream))
    try file.setTraining(StoredSettings(settings))
    return file
  }

  /// The sampler of this run. Resuming the same stream (same batch size, sampling and sample count), it replays
  /// the stored batches from the stream's start so its permutation is the one the saved run had, then puts
  /// the generator back to the saved state; otherwise a new stream starts here.
  mutating func makeSampler() throws -> BatchSampler {
    let mode = settings.sampling
    if let stored = resumedBatchStream, stored.batchSize == settings.batchSize, stored.sampling == mode.rawValue,
      stored.samples == dataset.count, let start = Data(base64Encoded: stored.startState)
    {
      let saved = random.stateBytes
      guard random.restoreState(Array(start)) else {
        throw CommandFailure("the model file's sampler state does not fit the generator", status: .dataError)
      }
      var sampler = try BatchSampler(for: dataset, batchSize: settings.batchSize, mode: mode, random: random)
      if mode != .replacement {
        for _ in 0..<stored.batches { sampler.nextBatch { _ in } }
      }
      random.restoreState(saved)
      batchStream = stored
      return sampler
    }
    batchStream = StoredSamplerProgress(
      startState: Data(random.stateBytes).base64EncodedString(), batches: 0, batchSize: settings.batchSize,
      sampling: mode.rawValue, samples: dataset.count)
    return try BatchSampler(for: dataset, batchSize: settings.batchSize, mode: mode, random: random)
  }

  /// The trainer of a resumed run: the model's network, loss, optimizer and optimizer state, checked against the
  /// data; restores the random source to where the saved run left it.
  ///
  /// - Parameters:
  ///   - model: The loaded model.
  ///   - dataset: The training part, prepared.
  ///   - settings: The resumed run's settings.
  ///   - random: The run's random source, restored here.
  static func resumedTrainer(
    _ model: LoadedModel, data dataset: Dataset, settings: TrainingSettings, random: RandomSource
  ) throws -> Trainer {
    let network = model.network
    guard dataset.featureCount == network.inputWidth else {
      throw CommandFailure(
        "the model takes \(ModelData.features(network.inputWidth)), \(dataset.name) has \(dataset.featureCount)",
        status: .dataError)
    }
    if model.isClassification, dataset.classNames != model.file.classNames {
      throw CommandFailure(
        "the model's classes are \(model.file.classNames.joined(separator: ", ")); "
          + "\(dataset.name) has \(dataset.classNames.joined(separator: ", "))", status: .dataError)
    }
    var trainer = model.trainer(allowsFusedKernel: !settings.reportGradients)
    guard dataset.targetCount == trainer.lossWidth else {
      throw CommandFailure(
        "the model's loss takes \(trainer.lossWidth) target columns, \(dataset.name) gives \(dataset.targetCount)",
        status: .dataError)
    }
    trainer.gradientClipping = settings.gradientClipping
    let progress = model.file.progress
    guard progress.generator == random.generatorName, let bytes = Data(base64Encoded: progress.randomState),
      random.restoreState(Array(bytes))
    else {
      throw CommandFailure(
        "the model file's random state does not fit a \(random.generatorName) generator", status: .dataError)
    }
    guard progress.iterations >= 0 else {
      throw CommandFailure("the model file's progress.iterations is negative", status: .dataError)
    }
    return trainer
  }
}

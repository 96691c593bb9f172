import Foundation
import NNCore
import NNData
import NNLayers

extension TrainingSession {
  /// The model file for the session's current state: network, weights, optimizer state, loss,
  /// standardisation, class and feature names, settings, step count, random state and batch stream.
  ///
  /// - Throws: `EncodingError` when the settings cannot be stored.
  public func modelFile() throws -> ModelFile {
    var file = run.modelFile(
      standardization: data.standardization, classNames: dataset.isClassification ? dataset.classNames : [],
      featureNames: dataset.featureNames, seed: settings.seed)
    try file.setTraining(StoredSettings(settings))
    return file
  }

  /// Checks a saved model against the data it is to continue on.
  ///
  /// - Parameters:
  ///   - model: The loaded model.
  ///   - dataset: The training part, prepared.
  /// - Throws: ``TrainingError`` (of kind data) naming what does not fit.
  static func checkResumed(_ model: LoadedModel, data dataset: Dataset) throws {
    let network = model.network
    guard dataset.featureCount == network.inputWidth else {
      throw TrainingError(
        "the model takes \(Self.features(network.inputWidth)), \(dataset.name) has \(dataset.featureCount)",
        kind: .data)
    }
    if model.isClassification, dataset.classNames != model.file.classNames {
      throw TrainingError(
        "the model's classes are \(model.file.classNames.joined(separator: ", ")); "
          + "\(dataset.name) has \(dataset.classNames.joined(separator: ", "))", kind: .data)
    }
    let lossWidth = model.trainer().lossWidth
    guard dataset.targetCount == lossWidth else {
      throw TrainingError(
        "the model's loss takes \(lossWidth) target columns, \(dataset.name) gives \(dataset.targetCount)",
        kind: .data)
    }
  }

  /// `1 feature` or `n features`.
  ///
  /// - Parameter count: The number of features.
  static func features(_ count: Int) -> String { count == 1 ? "1 feature" : "\(count) features" }
}

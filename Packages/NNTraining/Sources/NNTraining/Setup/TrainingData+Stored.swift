import NNCore
import NNData

extension TrainingData {
  /// Prepares the data as ``prepare(settings:random:)`` does, but standardises with a stored standardisation
  /// (a saved model's) instead of fitting one, so a resumed model sees its inputs scaled as before.
  ///
  /// - Parameters:
  ///   - settings: Checked settings.
  ///   - standardization: The stored standardisation, if the model has one.
  ///   - random: The run's random source (the split draws from it first).
  public static func prepare(settings: TrainingSettings, standardization: Standardization?, random: RandomSource) throws
    -> TrainingData
  {
    var unstandardized = settings
    unstandardized.standardize = false
    var data = try prepare(settings: unstandardized, random: random)
    guard let standardization else { return data }
    guard standardization.featureCount == data.train.featureCount else {
      throw TrainingError(
        "the model takes \(TrainingSession.features(standardization.featureCount)), \(data.train.name) has "
          + "\(data.train.featureCount)",
        kind: .data)
    }
    data.train = try standardization.applied(to: data.train)
    data.test = try data.test.map { try standardization.applied(to: $0) }
    data.standardization = standardization
    return data
  }
}

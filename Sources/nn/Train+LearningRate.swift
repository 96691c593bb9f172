import NNCore
import NNTraining

extension Train {
  /// The base learning rate: `--lr` when given; else the `learning_rate` the `--optimizer` specification names,
  /// or that optimizer's registered default (0.001 for `adam`); and ``TrainingSettings/standard``'s rate for the
  /// default optimizer left as it is.
  ///
  /// - Throws: A usage ``CommandFailure`` for a rate that is not positive, for a rate given both ways, or for an
  ///   optimizer specification the registry cannot make.
  func resolvedLearningRate() throws -> Double {
    let request: ComponentRequest
    do { request = try ComponentRequest(parsing: optimizer) } catch { throw CommandFailure("--optimizer: \(error)") }
    if let learningRate {
      guard learningRate > 0, learningRate.isFinite else {
        throw CommandFailure("--lr must be a positive number, got \(learningRate)")
      }
      guard request.named["learning_rate"] == nil else {
        throw CommandFailure("give the learning rate once: --lr or learning_rate= in --optimizer, not both")
      }
      return learningRate
    }
    if request.named["learning_rate"] == nil, optimizer == TrainingSettings.standard.optimizer {
      return TrainingSettings.standard.learningRate
    }
    do {
      return try Plugins.registry().optimizer(request).learningRate
    } catch let error as ComponentError {
      throw CommandFailure("--optimizer: \(error)")
    }
  }
}

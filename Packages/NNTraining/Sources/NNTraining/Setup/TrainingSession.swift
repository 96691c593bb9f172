import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim

/// One run as `nn train` makes it from its settings: the data prepared (split, standardised, targets shaped),
/// the network built with the default components the settings leave open and checked for combinations that
/// cannot work, and its ``TrainingRun``; or all of it taken from a saved model to continue.
///
/// ```swift
/// var settings = TrainingSettings()        // the seed's 4-12-6-3 network on iris
/// settings.testFraction = 0.2
/// settings.patience = 20
/// var session = try TrainingSession(settings: settings, registry: registry)
/// let summary = try session.train(progress: ProgressObserver(style: .automatic))
/// print(summary.humanReadable)
/// ```
public struct TrainingSession {
  /// The settings, checked.
  public let settings: TrainingSettings
  /// The data: training part, test part, standardisation.
  public let data: TrainingData
  /// The training part.
  public var dataset: Dataset { data.train }
  /// The run: trainer, random source, batch stream, step count.
  public var run: TrainingRun
  /// The trainer.
  public var trainer: Trainer { run.trainer }
  /// Whether the session continues a saved model.
  public let isResumed: Bool

  /// Loads the data and builds the network and its trainer, or takes them from a saved model.
  ///
  /// - Parameters:
  ///   - settings: The settings (``TrainingSettings/check()`` is applied).
  ///   - registry: The components the settings may name.
  ///   - model: A saved model to continue training: its weights, optimizer state, standardisation, step count,
  ///     random state and batch stream replace fresh ones. The settings' element type must be the model's.
  /// - Throws: ``TrainingError`` naming the setting (by its flag), the file or the component that is wrong;
  ///   `DataError` for data that cannot be read; `KernelSelectionError` when `NN_KERNELS` names kernels this
  ///   machine cannot use.
  public init(settings: TrainingSettings, registry: Registry, resuming model: LoadedModel? = nil) throws {
    try settings.check()
    try KernelInstructionSet.checkEnvironment()
    self.settings = settings
    BLAS.setThreadCount(settings.threads)
    let random = RandomSource(seed: settings.seed)
    if let model {
      guard settings.elementType == model.network.elementType else {
        throw TrainingError(
          "--dtype \(settings.elementType): the model computes in \(model.network.elementType), and a resumed run "
            + "keeps its element type")
      }
      data = try TrainingData.prepare(settings: settings, standardization: model.file.standardization, random: random)
      try Self.checkResumed(model, data: data.train)
      var resumed = try TrainingRun(
        resuming: model, random: random, batchSize: settings.batchSize, sampling: settings.sampling,
        allowsFusedKernel: !settings.reportGradients)
      resumed.trainer.gradientClipping = settings.gradientClipping
      run = resumed
      isResumed = true
      return
    }
    data = try TrainingData.prepare(settings: settings, random: random)
    let trainer = try NetworkBuilder(settings: settings, registry: registry).trainer(for: data.train, random: random)
    run = try TrainingRun(trainer: trainer, random: random, batchSize: settings.batchSize, sampling: settings.sampling)
    isResumed = false
  }

  /// The loss and accuracy over a whole data set (accuracy NaN for regression).
  ///
  /// - Parameter dataset: The training or test part.
  /// - Throws: `NetworkError` when the data does not fit the network.
  public func evaluate(_ dataset: Dataset) throws -> (loss: Double, accuracy: Double) {
    let evaluation = try TrainingRun.evaluate(trainer, on: dataset)
    return (evaluation.loss, evaluation.accuracy ?? .nan)
  }

  /// The layer widths, such as `4-12-6-3`.
  public var networkDescription: String {
    let network = trainer.network
    let learned = network.layers.indices.filter { !network.parameters[$0].isEmpty }
    return ([network.inputWidth] + learned.map { network.widths[$0 + 1] }).map(String.init).joined(separator: "-")
  }
}

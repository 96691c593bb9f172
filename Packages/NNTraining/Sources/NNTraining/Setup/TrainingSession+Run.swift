import Foundation
import NNCore
import NNData
import NNLayers

extension TrainingSession {
  /// Trains as the settings say, showing progress, and summarises the result.
  ///
  /// The settings become observers of one ``TrainingRun/fit(_:validation:length:options:observers:)``: the
  /// schedule, the gradient report, the target loss, the progress display and early stopping, in that order,
  /// after `observers` (so an observer that stops the run, such as an ``InterruptObserver``, is seen by the
  /// progress display at the same step). With a patience, the best epoch's state is restored at the end of the run, whether it
  /// stopped early or not.
  ///
  /// With a process group, the fit runs across its processes
  /// (``TrainingRun/fit(_:validation:length:options:observers:across:)``): every process calls this with the same
  /// settings, and process 0 alone runs the observers (the progress display included) and records the history.
  ///
  /// - Parameters:
  ///   - progress: How progress is shown (nothing by default).
  ///   - observers: More observers, called before the built-in ones.
  ///   - group: The processes training together, or `nil` for this process alone.
  /// - Returns: The final loss and accuracy on both parts, counts, time, history and outcomes.
  /// - Throws: ``TrainingError`` for a patience that cannot apply, or (of kind data) when the loss stops being
  ///   finite, naming the iteration and the learning rate; `NetworkError` when the data does not fit;
  ///   ``DistributedError`` when the processes differ or cannot communicate.
  public mutating func train(
    progress: ProgressObserver = ProgressObserver(style: .silent), observers: [any TrainingObserver] = [],
    across group: (any ProcessGroup)? = nil
  ) throws -> TrainingSummary {
    let batchesPerEpoch = BatchSampler.batchesPerEpoch(sampleCount: dataset.count, batchSize: settings.batchSize)
    let iterations = settings.length.iterations(batchesPerEpoch: batchesPerEpoch)
    let patience = try applicablePatience(iterations: iterations, batchesPerEpoch: batchesPerEpoch)
    if settings.patience != nil, patience == nil {
      progress.note("--patience from the model file is not applied: this run is shorter than one epoch")
    }
    var builtIn: [(any TrainingObserver)?] = []
    builtIn.append(
      settings.schedule.map { LearningRateScheduleObserver(schedule: $0, baseRate: settings.learningRate) })
    let gradients = settings.reportGradients ? GradientNormObserver() : nil
    let target = try settings.targetLoss.map { try TargetLossObserver(target: $0) }
    let stopping = try patience.map { try EarlyStoppingObserver(patience: $0, minimumDelta: settings.minimumDelta) }
    // A silent display has nothing to do at any step: left out, it costs nothing.
    builtIn += [gradients, target, progress.isEnabled ? progress : nil, stopping]
    let options = FitOptions(
      blockLength: settings.logEvery ?? (settings.targetLoss == nil ? max(1, iterations / 10) : 1000),
      recordsTrainingAccuracy: settings.recordsTrainingAccuracy)
    let fit: FitSummary
    do {
      let all = observers + builtIn.compactMap { $0 }
      if let group {
        fit = try run.fit(
          data.train, validation: data.test, length: settings.length, options: options, observers: all, across: group)
      } else {
        fit = try run.fit(data.train, validation: data.test, length: settings.length, options: options, observers: all)
      }
    } catch NetworkError.nonFiniteLoss(let step, let value) {
      throw TrainingError(
        "the loss became \(value) at iteration \(step); try a lower --lr (now \(settings.learningRate))", kind: .data)
    }
    let (loss, accuracy) = try evaluate(dataset)
    let test = try data.test.map(evaluate)
    var summary = TrainingSummary(
      loss: loss, accuracy: accuracy, testLoss: test?.loss, testAccuracy: test?.accuracy, samples: fit.samples,
      iterations: fit.iterations, epochs: fit.epochs, seconds: fit.seconds, network: networkDescription,
      data: dataset.name, seed: settings.seed, targetLoss: settings.targetLoss,
      targetReached: target.map(\.isReached), gradients: gradients?.report)
    summary.earlyStopping = stopping?.outcome
    summary.kernels = run.trainer.kernelInstructionSet
    summary.elementType = run.trainer.network.elementType
    summary.history = fit.history
    return summary
  }

  /// The patience this run applies: the setting, refused in a fresh run too short to end an epoch, and left
  /// out (`nil`) in such a resumed run, whose patience may come from the model file.
  ///
  /// - Parameters:
  ///   - iterations: The run's steps.
  ///   - batchesPerEpoch: Steps per epoch.
  func applicablePatience(iterations: Int, batchesPerEpoch: Int) throws -> Int? {
    guard let patience = settings.patience, iterations < batchesPerEpoch else { return settings.patience }
    if isResumed { return nil }
    throw TrainingError(
      "--patience counts epochs, but the run of \(iterations) iterations is shorter than one epoch "
        + "(\(batchesPerEpoch) iterations of batch \(settings.batchSize) on \(dataset.count) samples); "
        + "train for at least \(batchesPerEpoch) iterations or leave out --patience \(patience)")
  }
}

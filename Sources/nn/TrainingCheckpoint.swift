import NNCore
import NNLayers
import NNTraining

/// The state of a run at the end of its best epoch, kept by `--patience` to be restored at the end: the network
/// (weights), the optimizer state, the step count, the batch stream and the random generator's state, so that a
/// model saved afterwards is the model of that epoch in every stored part.
///
/// Only values are kept (the matrices are shared until training changes them), not the trainer, whose work
/// buffers a copy would have to rebuild at the next step.
struct TrainingCheckpoint {
  /// The epoch the state is from.
  let epoch: Int
  /// The monitored loss at the end of that epoch.
  let monitoredLoss: Double
  /// The network then, with its weights.
  let network: Sequential
  /// The optimizer's state then.
  let optimizerState: [[ParameterState]]
  /// The learning rate of the next step then.
  let learningRate: Double
  /// Steps taken over every run of the model then.
  let completedIterations: Int
  /// The batch stream then.
  let batchStream: StoredSamplerProgress
  /// The random generator's state then.
  let randomState: [UInt8]
}

extension TrainingSession {
  /// The session's state now, as the checkpoint of `epoch`.
  ///
  /// - Parameters:
  ///   - epoch: The epoch that just ended.
  ///   - monitoredLoss: The monitored loss at its end.
  func checkpoint(epoch: Int, monitoredLoss: Double) -> TrainingCheckpoint {
    TrainingCheckpoint(
      epoch: epoch, monitoredLoss: monitoredLoss, network: trainer.network, optimizerState: trainer.optimizerState,
      learningRate: trainer.learningRate, completedIterations: completedIterations,
      batchStream: batchStream, randomState: random.stateBytes)
  }

  /// Puts the session back to the state of `checkpoint`.
  ///
  /// - Parameter checkpoint: A state of this session.
  mutating func restore(_ checkpoint: TrainingCheckpoint) {
    var restored = Trainer(
      network: checkpoint.network, loss: trainer.loss, optimizer: trainer.optimizer,
      allowsFusedKernel: !settings.reportGradients)
    restored.optimizerState = checkpoint.optimizerState
    restored.learningRate = checkpoint.learningRate
    restored.gradientClipping = trainer.gradientClipping
    trainer = restored
    completedIterations = checkpoint.completedIterations
    batchStream = checkpoint.batchStream
    random.restoreState(checkpoint.randomState)
  }
}

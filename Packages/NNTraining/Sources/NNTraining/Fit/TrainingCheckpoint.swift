import NNCore
import NNLayers

/// The state of a run at one moment, to be restored later: the network (weights), the optimizer state, the
/// learning rate, the step count, the batch stream and the random generator's state, so a model saved after a
/// restore is that moment's model in every stored part.
///
/// Only values are kept (the matrices are shared until training changes them), not the trainer, whose work
/// buffers a copy would rebuild at the next step.
public struct TrainingCheckpoint {
  /// The network then, with its weights.
  public let network: Sequential
  /// The optimizer's state then.
  public let optimizerState: [[ParameterState]]
  /// The learning rate of the next step then.
  public let learningRate: Double
  /// Steps taken over every fit of the model then.
  public let completedSteps: Int
  /// The batch stream then.
  let batchStream: StoredSamplerProgress
  /// The random generator's state then.
  let randomState: [UInt8]
}

extension TrainingRun {
  /// The run's state now.
  public func checkpoint() -> TrainingCheckpoint {
    TrainingCheckpoint(
      network: trainer.network, optimizerState: trainer.optimizerState, learningRate: trainer.learningRate,
      completedSteps: completedSteps, batchStream: batchStream, randomState: random.stateBytes)
  }

  /// Puts the run back to the state of a checkpoint of it. The batch sampler's position is not rewound; a fit
  /// that continues after a restore draws on from where the stream is.
  ///
  /// - Parameter checkpoint: A checkpoint of this run.
  public mutating func restore(_ checkpoint: TrainingCheckpoint) {
    var restored = Trainer(
      network: checkpoint.network, loss: trainer.loss, optimizer: trainer.optimizer,
      allowsFusedKernel: trainer.usesFusedKernel)
    restored.optimizerState = checkpoint.optimizerState
    restored.learningRate = checkpoint.learningRate
    restored.gradientClipping = trainer.gradientClipping
    trainer = restored
    completedSteps = checkpoint.completedSteps
    batchStream = checkpoint.batchStream
    random.restoreState(checkpoint.randomState)
  }
}

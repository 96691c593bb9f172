/// Collects each layer's mean error-term and weight-gradient norms over a fit: the vanishing-gradient
/// experiment (see ``GradientReport`` for the formulas). Needs a trainer that runs layer by layer (made with
/// `allowsFusedKernel: false`), since the fused kernel keeps no per-layer error terms.
public final class GradientNormObserver: TrainingObserver {
  /// After every step, to read its gradients.
  public var stepEvents: TrainingStepEvents { .didEnd }

  /// The norms so far; ``GradientReport/text`` is a table for people.
  public private(set) var report: GradientReport?

  /// A collector.
  public init() {}

  /// Starts a report over the run's network.
  ///
  /// - Parameter run: The run.
  /// - Throws: ``TrainingError`` when the trainer uses the fused kernel.
  public func fitWillBegin(_ run: inout TrainingRun) throws {
    guard !run.trainer.usesFusedKernel else {
      throw TrainingError("gradient reports need a trainer made with allowsFusedKernel: false")
    }
    report = GradientReport(network: run.trainer.network)
  }

  /// Adds the step's gradients.
  ///
  /// - Parameters:
  ///   - step: The step.
  ///   - run: The run.
  public func stepDidEnd(_ step: StepReport, _ run: inout TrainingRun) throws {
    report?.record(run.trainer)
  }
}

import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining

/// The `iris` workload trained through the library's `TrainingRun.fit`, with or without an observer that does
/// nothing, so the cost of the fit loop and of an observer can be read beside the bare training step.
public final class IrisFitWorkload {
  /// The run. (Accessed by one thread at a time.)
  @exclusivity(unchecked) private var run: TrainingRun
  private let data: Dataset
  private let observers: [any TrainingObserver]

  /// Reads the data and builds the seeded network of ``IrisWorkload``.
  ///
  /// - Parameters:
  ///   - seed: The random seed.
  ///   - observed: Whether the fit has an observer (one that does nothing).
  ///   - elementType: The network's element type.
  public init(seed: UInt64, observed: Bool, elementType: ElementType = .float64) throws {
    let workload = try IrisWorkload(seed: seed, elementType: elementType)
    data = try Dataset(
      name: "iris", features: workload.features, targets: workload.targets, labels: workload.labels,
      classNames: ["0", "1", "2"])
    run = try TrainingRun(
      trainer: workload.trainer, random: RandomSource(seed: seed), batchSize: IrisWorkload.batchSize,
      sampling: .replacement)
    observers = observed ? [NothingObserver()] : []
  }

  /// One fit of `steps` steps, continuing the run; returns the fit's last recorded loss.
  ///
  /// - Parameter steps: Steps in the fit.
  @discardableResult
  public func fit(steps: Int) throws -> Double {
    try run.fit(data, length: .iterations(steps), observers: observers).history.entries.last?.trainingLoss ?? 0
  }
}

/// An observer that does nothing at all.
private final class NothingObserver: TrainingObserver {}

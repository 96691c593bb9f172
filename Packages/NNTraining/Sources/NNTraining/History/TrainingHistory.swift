/// The course of a training run: one entry per epoch, or per progress block when the run is shorter than two
/// epochs, like the `History` a Keras `fit` returns.
///
/// ```swift
/// var history = TrainingHistory(unit: .epoch)
/// history.append(TrainingHistory.Entry(position: 1, trainingLoss: 0.93, validationLoss: 0.97))
/// history.append(TrainingHistory.Entry(position: 2, trainingLoss: 0.71, validationLoss: 0.78))
/// let svg = history.chart(title: "4-12-6-3 on iris").svg()
/// ```
public struct TrainingHistory: Equatable, Sendable {
  /// What an entry's ``Entry/position`` counts.
  public enum Unit: String, Equatable, Sendable {
    /// Completed epochs.
    case epoch
    /// Mini-batch steps of this run.
    case iteration
  }

  /// The state of training at the end of one epoch or block.
  public struct Entry: Equatable, Sendable {
    /// The epoch or iteration the entry ends, counted as ``TrainingHistory/unit`` says.
    public var position: Int
    /// The mean of the batch losses of the epoch or block (each measured before its update).
    public var trainingLoss: Double
    /// The accuracy over the whole training part at the end, when it was evaluated (and the data has classes).
    public var trainingAccuracy: Double?
    /// The loss over the test part at the end, when one is held out.
    public var validationLoss: Double?
    /// The accuracy over the test part at the end, when one is held out and the data has classes.
    public var validationAccuracy: Double?

    /// The entry of an epoch or block.
    ///
    /// - Parameters:
    ///   - position: The epoch or iteration the entry ends.
    ///   - trainingLoss: The mean batch loss of the epoch or block.
    ///   - trainingAccuracy: The accuracy over the training part, when evaluated.
    ///   - validationLoss: The loss over the held-out part, when there is one.
    ///   - validationAccuracy: The accuracy over the held-out part, when there is one and the data has classes.
    public init(
      position: Int, trainingLoss: Double, trainingAccuracy: Double? = nil, validationLoss: Double? = nil,
      validationAccuracy: Double? = nil
    ) {
      self.position = position
      self.trainingLoss = trainingLoss
      self.trainingAccuracy = trainingAccuracy
      self.validationLoss = validationLoss
      self.validationAccuracy = validationAccuracy
    }
  }

  /// What the entries' positions count.
  public let unit: Unit
  /// The entries, oldest first.
  public private(set) var entries: [Entry] = []

  /// An empty history.
  ///
  /// - Parameters:
  ///   - unit: What the entries' positions will count.
  ///   - expectedCount: The number of entries the run will record, reserved at once (a long run records one per
  ///     epoch: 66,666 on iris in 200000 iterations, whose growth by doubling copied some 10 MB). Callers cap it:
  ///     a run bounded only by a target loss may end long before its iteration limit.
  public init(unit: Unit, expectedCount: Int = 0) {
    self.unit = unit
    entries.reserveCapacity(expectedCount)
  }

  /// Adds the entry of an epoch or block that just ended.
  ///
  /// - Parameter entry: The new entry; its position follows the last one's.
  public mutating func append(_ entry: Entry) { entries.append(entry) }

  /// The entry whose position is `position`, if any (the last one recorded there).
  ///
  /// - Parameter position: An epoch or iteration.
  /// - Returns: The entry, or nil when none ends at `position`.
  public func entry(at position: Int) -> Entry? { entries.last { $0.position == position } }
}

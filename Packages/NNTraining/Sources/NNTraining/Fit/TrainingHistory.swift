/// The course of a training run: one entry per epoch, or per progress block when the run is shorter than two
/// epochs.
public struct TrainingHistory: Sendable, Equatable {
  /// What an entry's ``Entry/position`` counts.
  public enum Unit: String, Sendable, Equatable {
    /// Completed epochs.
    case epoch
    /// Mini-batch steps of this run.
    case iteration
  }

  /// The state of training at the end of one epoch or block.
  public struct Entry: Sendable, Equatable {
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

    /// An entry.
    ///
    /// - Parameters:
    ///   - position: The epoch or iteration it ends.
    ///   - trainingLoss: The mean batch loss of the epoch or block.
    ///   - trainingAccuracy: The training part's accuracy at the end, if evaluated.
    ///   - validationLoss: The validation part's loss at the end, if any.
    ///   - validationAccuracy: The validation part's accuracy at the end, if any.
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

  /// The entry whose position is `position`, if any.
  ///
  /// - Parameter position: An epoch or iteration.
  public func entry(at position: Int) -> Entry? { entries.last { $0.position == position } }
}

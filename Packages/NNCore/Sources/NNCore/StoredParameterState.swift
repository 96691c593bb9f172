/// One parameter's optimizer state as a model file stores it: the steps taken and the named slots (such as
/// `momentum_buffer`).
public struct StoredParameterState: Codable, Sendable, Equatable {
  /// Updates applied so far.
  public var step: Int
  /// The optimizer's slots by their names (``Optimizer/slotNames``).
  public var slots: [String: Matrix]

  /// A stored parameter state.
  ///
  /// - Parameters:
  ///   - step: Updates applied so far.
  ///   - slots: The optimizer's slots by name.
  public init(step: Int, slots: [String: Matrix]) {
    self.step = step
    self.slots = slots
  }
}

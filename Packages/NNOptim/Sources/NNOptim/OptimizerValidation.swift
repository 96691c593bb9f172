import NNCore

/// The checks every optimizer applies to its hyper-parameters, in the manner of PyTorch's `torch.optim`.
///
/// Each check returns the value when it is acceptable and otherwise throws
/// ``ComponentError/invalidArgument(component:parameter:reason:)`` naming the component, the parameter, the value
/// given and the values accepted: `invalid 'momentum' for 'momentum': must be in [0, 1), got 1.0`.
enum OptimizerValidation {
  /// Stops with a message unless an elementwise update's runs match: as many gradients as parameters, and the
  /// rule's number of slots. Compares counts only (the slots' names are read for the message alone), so that a
  /// training step allocates nothing.
  ///
  /// - Parameters:
  ///   - optimizer: The rule.
  ///   - parameters: The number of parameters.
  ///   - gradients: The number of gradients.
  ///   - slots: The number of slot runs given.
  ///   - expectedSlots: The number the rule keeps.
  @inline(__always)
  static func requireRuns(
    of optimizer: some Optimizer, parameters: Int, gradients: Int, slots: Int, expectedSlots: Int
  ) {
    precondition(
      gradients == parameters && slots == expectedSlots,
      "\(type(of: optimizer)).update: needs as many gradients as parameters (\(parameters), got \(gradients)) and "
        + "\(expectedSlots) slots (\(optimizer.slotNames.joined(separator: ", "))), got \(slots)")
  }

  /// A learning rate `η`: finite and greater than 0 (PyTorch also accepts 0, which would never learn).
  ///
  /// - Parameters:
  ///   - value: The value given.
  ///   - component: The registry name, for the message.
  static func learningRate(_ value: Double, component: String) throws -> Double {
    try require(
      value.isFinite && value > 0, value, parameter: "learning_rate", accepted: "a finite number greater than 0",
      component: component)
  }

  /// A weight decay `λ`: finite and at least 0.
  ///
  /// - Parameters:
  ///   - value: The value given.
  ///   - component: The registry name, for the message.
  static func weightDecay(_ value: Double, component: String) throws -> Double {
    try require(
      value.isFinite && value >= 0, value, parameter: "weight_decay", accepted: "a finite number of at least 0",
      component: component)
  }

  /// A momentum factor `μ`: in `[0, 1)`; from 1 on the buffer grows without bound.
  ///
  /// - Parameters:
  ///   - value: The value given.
  ///   - component: The registry name, for the message.
  static func momentum(_ value: Double, component: String) throws -> Double {
    try require(value >= 0 && value < 1, value, parameter: "momentum", accepted: "in [0, 1)", component: component)
  }

  /// A dampening `τ`: in `[0, 1]`.
  ///
  /// - Parameters:
  ///   - value: The value given.
  ///   - component: The registry name, for the message.
  static func dampening(_ value: Double, component: String) throws -> Double {
    try require(value >= 0 && value <= 1, value, parameter: "dampening", accepted: "in [0, 1]", component: component)
  }

  /// Returns `value` when `condition` holds, and otherwise throws the message `must be <accepted>, got <value>`.
  ///
  /// - Parameters:
  ///   - condition: Whether the value is acceptable (false for NaN).
  ///   - value: The value given.
  ///   - parameter: The parameter's registry name.
  ///   - accepted: What is accepted, completing "must be …".
  ///   - component: The component's registry name.
  static func require(
    _ condition: Bool, _ value: Double, parameter: String, accepted: String, component: String
  ) throws -> Double {
    guard condition else {
      throw ComponentError.invalidArgument(
        component: component, parameter: parameter, reason: "must be \(accepted), got \(value)")
    }
    return value
  }
}

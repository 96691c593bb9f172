/// The five kinds of component a ``Registry`` holds.
public enum ComponentKind: String, Sendable, CaseIterable, Codable {
  /// An ``Activation``.
  case activation
  /// A ``Layer``.
  case layer
  /// A ``Loss``.
  case loss
  /// An ``Optimizer``.
  case optimizer
  /// An ``Initializer``.
  case initializer

  /// The plural, as used in messages and on the command line (`activations`).
  public var plural: String { self == .loss ? "losses" : rawValue + "s" }
}

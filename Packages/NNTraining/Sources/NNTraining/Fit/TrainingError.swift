/// A training setting, a combination of components, or data that cannot work, refused before or while training
/// with one line that names the setting (by its `nn train` flag, as the documentation does) and what is accepted.
public struct TrainingError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What kind of mistake it is; a tool maps it to an exit status.
  public enum Kind: Sendable, Equatable {
    /// A setting, or a combination of settings, is wrong.
    case usage
    /// The data, or a model file, does not fit what is asked of it.
    case data
  }

  /// The message: what was wrong and what is accepted.
  public let message: String
  /// What kind of mistake it is.
  public let kind: Kind

  /// An error.
  ///
  /// - Parameters:
  ///   - message: One line naming what was wrong and what is accepted.
  ///   - kind: What kind of mistake it is (a setting, by default).
  public init(_ message: String, kind: Kind = .usage) {
    self.message = message
    self.kind = kind
  }

  /// The message.
  public var description: String { message }
}

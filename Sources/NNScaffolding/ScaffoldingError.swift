/// Why scaffolding a component stopped: one line naming what was wrong and what is accepted, and its category.
///
/// Its ``description`` is the ``message``, exactly as `nn new` prints it after `nn new: error: `; the tool maps the
/// ``category`` to its exit status. Nothing is written when planning fails, and ``ScaffoldPlan/write()`` undoes what
/// it wrote before throwing.
public struct ScaffoldingError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The kind of problem, which decides the exit status of `nn new`.
  public enum Category: Sendable, Equatable, CaseIterable {
    /// A bad request: an invalid or taken name, an unknown kind, package, target or parameter (`nn new` exits
    /// with 64, `EX_USAGE`).
    case invalidRequest
    /// A template or plugin file is malformed: a manifest that does not decode, a Mustache file that does not
    /// parse, a plugin file without its registration markers (65, `EX_DATAERR`).
    case malformedInput
    /// A template folder, a template file, the checkout of nn or the user's package is missing (66,
    /// `EX_NOINPUT`).
    case missingInput
    /// A file cannot be created: it exists already (without replacing) or its folder is not writable (73,
    /// `EX_CANTCREAT`).
    case cannotCreate
    /// Reading or writing failed part-way (74, `EX_IOERR`).
    case inputOutput
  }

  /// The kind of problem.
  public let category: Category
  /// What went wrong and what is accepted, in one line.
  public let message: String

  /// An error of `category` saying `message`.
  ///
  /// - Parameters:
  ///   - category: The kind of problem.
  ///   - message: One line naming what was wrong and what is accepted.
  public init(_ category: Category, _ message: String) {
    self.category = category
    self.message = message
  }

  /// The ``message``.
  public var description: String { message }
}

extension ScaffoldingError {
  /// A bad request (``Category/invalidRequest``).
  static func invalidRequest(_ message: String) -> ScaffoldingError { ScaffoldingError(.invalidRequest, message) }

  /// A malformed template or plugin file (``Category/malformedInput``).
  static func malformedInput(_ message: String) -> ScaffoldingError { ScaffoldingError(.malformedInput, message) }

  /// Something missing (``Category/missingInput``).
  static func missingInput(_ message: String) -> ScaffoldingError { ScaffoldingError(.missingInput, message) }

  /// A file that cannot be created (``Category/cannotCreate``).
  static func cannotCreate(_ message: String) -> ScaffoldingError { ScaffoldingError(.cannotCreate, message) }

  /// A failed read or write (``Category/inputOutput``).
  static func inputOutput(_ message: String) -> ScaffoldingError { ScaffoldingError(.inputOutput, message) }
}

/// A structural fault found in a MAT file before libmatio reads it: what is wrong, where, and in which variable.
///
/// ``MatStructureCheck`` turns it into a ``DataError`` that names the file:
/// ``DataError/badVariable(source:variable:problem:)`` once the variable's name has been read,
/// ``DataError/invalidContent(source:problem:)`` before.
struct MatDamage: Error, Equatable {
  /// `the name element at byte 168 claims 4,294,934,272 bytes, but the array at byte 128 has 64 bytes left`.
  var problem: String
  /// The variable being read when the fault was found, once its name is known.
  var variable: String?
  /// Whether the file is no MAT file at all (its first header is of no version), rather than a damaged one.
  let isForeign: Bool
  /// Whether the file is sound but beyond a limit of the load (``DataLoadOptions/maximumElements``).
  let isBeyondLimit: Bool

  /// A fault, with no variable yet.
  ///
  /// - Parameters:
  ///   - problem: What is wrong and where.
  ///   - isForeign: Whether the file is of no MAT version at all.
  ///   - isBeyondLimit: Whether the file is beyond a limit rather than damaged.
  init(_ problem: String, isForeign: Bool = false, isBeyondLimit: Bool = false) {
    self.problem = problem
    self.variable = nil
    self.isForeign = isForeign
    self.isBeyondLimit = isBeyondLimit
  }

  /// The error of a file: `not a MAT file: ` or `damaged: ` and the problem, naming the variable where it is known.
  ///
  /// - Parameter path: The file as messages name it.
  func error(path: String) -> DataError {
    if isForeign { return .invalidContent(source: path, problem: "not a MAT file: \(problem)") }
    if isBeyondLimit { return .invalidContent(source: path, problem: problem) }
    if let variable {
      return .badVariable(source: path, variable: variable, problem: "damaged: \(problem)")
    }
    return .invalidContent(source: path, problem: "damaged: \(problem)")
  }
}

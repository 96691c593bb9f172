/// Why weights cannot be imported.
public enum WeightImportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The archive cannot be read.
  case unreadableArchive(path: String, reason: String)
  /// An array of the archive is not one nn reads.
  case invalidArray(name: String, reason: String)
  /// An array's shape does not fit the parameter it is given to.
  case shapeMismatch(name: String, parameter: String, expected: String, found: String)
  /// The archive has fewer arrays than the network has parameters, or more.
  case countMismatch(arrays: Int, parameters: Int)

  /// The error in words.
  public var description: String {
    switch self {
    case .unreadableArchive(let path, let reason):
      return "\(path): not a readable .npz archive: \(reason)"
    case .invalidArray(let name, let reason):
      return "array '\(name)': \(reason)"
    case .shapeMismatch(let name, let parameter, let expected, let found):
      return "array '\(name)' is \(found), but \(parameter) needs \(expected)"
    case .countMismatch(let arrays, let parameters):
      return "the archive has \(arrays) arrays, the network \(parameters) parameter matrices (weights and biases, "
        + "in order)"
    }
  }
}

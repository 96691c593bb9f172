/// Why a model file could not be read, loaded or written. Each case's description is one line naming the file
/// and, for bad content, the dotted key at fault (`network.input_width`).
public enum ModelFileError: Error, Sendable, Equatable {
  /// There is no file at the path.
  case missing(path: String)
  /// The file exists but cannot be read.
  case unreadable(path: String, reason: String)
  /// The file was read but is not a valid model file: not JSON, another format or version, a missing, extra or
  /// wrongly typed key, an unknown component, a misshapen weight.
  case invalidContent(path: String, reason: String)
  /// The file cannot be written (the folder is missing or not writable, the disk is full).
  case unwritable(path: String, reason: String)
}

extension ModelFileError: CustomStringConvertible {
  /// One line naming the file and what is wrong.
  public var description: String {
    switch self {
    case .missing(let path): "no such model file \(path)"
    case .unreadable(let path, let reason): "cannot read the model file \(path): \(reason)"
    case .invalidContent(let path, let reason): "\(path): \(reason)"
    case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
    }
  }
}

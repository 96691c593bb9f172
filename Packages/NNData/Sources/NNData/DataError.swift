/// An error reading, parsing, assembling or sampling a data set.
///
/// Each case prints as one line that names the file (and line, where there is one) and what was expected,
/// in the style of a compiler message: `iris.data:17: expected 4 numbers and a class name, found 3 fields`.
/// The cases separate a missing input, unreadable input, bad data and a bad argument, so a command-line tool
/// can map them to distinct exit codes.
public enum DataError: Error, Sendable, Equatable {
  /// No file exists at `path`.
  case missingFile(path: String)
  /// The file exists but cannot be read (a directory, no permission, not UTF-8 text…).
  case unreadableFile(path: String, reason: String)
  /// One line of a text file is malformed.
  ///
  /// `line` counts from 1; `problem` says what was expected and what was found.
  case malformedLine(source: String, line: Int, problem: String)
  /// The content as a whole is unusable, for example a file without samples.
  case invalidContent(source: String, problem: String)
  /// The parts of a data set disagree, for example features and targets with different row counts.
  case inconsistentDataset(name: String, problem: String)
  /// An argument is out of its accepted range, for example a batch size of zero.
  case invalidArgument(name: String, problem: String)
  /// A resource that should ship with the package was found in none of the searched places.
  case missingResource(name: String, searched: [String])
  /// A variable of a MAT file is missing, cannot be used as data, or holds bad values.
  ///
  /// `source` is the file, `variable` the variable's name; `problem` says what was expected and found.
  case badVariable(source: String, variable: String, problem: String)
  /// A file cannot be written (no such directory, no permission, a full disk…).
  case unwritableFile(path: String, reason: String)
  /// A shared library that some formats need cannot be loaded (libmatio, for MAT files); `reason` is the
  /// loader's.
  case unavailableLibrary(name: String, reason: String)
}

extension DataError: CustomStringConvertible {
  /// The error as one line: the file (and line) first, then what was expected and what was found.
  public var description: String {
    switch self {
    case .missingFile(let path):
      return "cannot read \(path): no such file"
    case .unreadableFile(let path, let reason):
      return "cannot read \(path): \(reason)"
    case .malformedLine(let source, let line, let problem):
      return "\(source):\(line): \(problem)"
    case .invalidContent(let source, let problem):
      return "\(source): \(problem)"
    case .inconsistentDataset(let name, let problem):
      return name.isEmpty
        ? "inconsistent data set: \(problem)" : "inconsistent data set '\(name)': \(problem)"
    case .invalidArgument(let name, let problem):
      return "invalid \(name): \(problem)"
    case .badVariable(let source, let variable, let problem):
      return "\(source): variable '\(variable)': \(problem)"
    case .unwritableFile(let path, let reason):
      return "cannot write \(path): \(reason)"
    case .unavailableLibrary(let name, let reason):
      return "\(name), needed for MAT files, cannot be loaded (\(reason)); install the Debian package libmatio-dev"
    case .missingResource(let name, let searched):
      return
        "the bundled resource \(name) is missing; looked in: \(searched.joined(separator: ", "))"
    }
  }
}

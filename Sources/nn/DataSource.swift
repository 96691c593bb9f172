import Foundation
import NNData

/// Finds the data `--data` names: `iris` for the bundled copy, otherwise a file.
enum DataSource {
  /// Loads the data set, turning data errors into one-line failures with sysexits statuses.
  ///
  /// - Parameter name: `iris` or a path.
  static func load(_ name: String) throws -> Dataset {
    do {
      if name == "iris" { return try IrisLoader.bundled() }
      return try IrisLoader.load(contentsOf: URL(fileURLWithPath: name))
    } catch let error as DataError {
      switch error {
      case .missingFile, .unreadableFile, .missingResource:
        throw CommandFailure("\(error)", status: .noInput)
      default:
        throw CommandFailure("\(error)", status: .dataError)
      }
    }
  }
}

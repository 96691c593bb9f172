import Foundation
import NNData

/// Finds the data `--data` names: `iris` for the bundled copy, otherwise a file.
enum DataSource {
  /// Loads the data set; ``DataError``s name the file and line.
  ///
  /// - Parameter name: `iris` or a path.
  static func load(_ name: String) throws -> Dataset {
    if name == "iris" { return try IrisLoader.bundled() }
    return try IrisLoader.load(contentsOf: URL(fileURLWithPath: name))
  }
}

import Foundation
import NNData

/// Finds the data `--data` names: `iris` for the bundled copy, otherwise a file in any supported format.
enum DataSource {
  /// Loads the data set; ``DataError``s name the file and the line or variable.
  ///
  /// - Parameters:
  ///   - name: `iris` or a path to a MAT, CSV or iris file.
  ///   - options: The format (detected by default), variable, labels, delimiter, header and classes to keep.
  static func load(_ name: String, options: DataLoadOptions = DataLoadOptions()) throws -> Dataset {
    guard name == "iris" else { return try DataLoader.load(path: name, options: options) }
    let iris = try IrisLoader.bundled()
    return try options.classes.map(iris.selectingClasses) ?? iris
  }
}

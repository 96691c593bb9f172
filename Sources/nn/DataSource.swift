import NNData

/// Finds the data `--data` names: `iris` for the bundled copy, otherwise a file in any supported format.
enum DataSource {
  /// Loads the data set; ``DataError``s name the file and the line or variable.
  ///
  /// - Parameters:
  ///   - name: `iris` or a path to a MAT, CSV or iris file.
  ///   - options: The format (detected by default), variable, labels, delimiter, header and classes to keep.
  static func load(_ name: String, options: DataLoadOptions = DataLoadOptions()) throws -> Dataset {
    try DataLoader.load(source: name, options: options)
  }
}

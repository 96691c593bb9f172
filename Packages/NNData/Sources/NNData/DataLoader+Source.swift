extension DataLoader {
  /// Loads a data set named as `nn train --data` names it: `iris` for the bundled copy, otherwise a file in any
  /// supported format.
  ///
  /// - Parameters:
  ///   - source: `iris` or a path to a MAT, CSV or iris-format file.
  ///   - options: The format (detected by default), variable, labels, delimiter, header and classes to keep.
  /// - Returns: The data set.
  /// - Throws: ``DataError`` naming the file and the line or variable at fault.
  public static func load(source: String, options: DataLoadOptions = DataLoadOptions()) throws -> Dataset {
    guard source == "iris" else { return try load(path: source, options: options) }
    let iris = try IrisLoader.bundled()
    return try options.classes.map(iris.selectingClasses) ?? iris
  }
}

import Foundation

/// The one entry point for loading data: any supported file, in any format, to a ``Dataset``.
///
/// MAT files use the variable and label options, CSV files the label column, delimiter and header options;
/// the iris format has fixed columns and ignores them. Every format keeps to the limits on the number of elements
/// and, for text, the length of a line (``DataLoadOptions/maximumElements``,
/// ``DataLoadOptions/maximumLineLength``), refusing a larger file before reading its data.
///
/// ```swift
/// let sphere = try DataLoader.load(path: "samples.mat")
/// let flowers = try DataLoader.load(path: "iris.csv", options: DataLoadOptions(labelColumn: .name("species")))
/// ```
public enum DataLoader {
  /// Loads a data file.
  ///
  /// - Parameters:
  ///   - path: The file's path, absolute or relative to the working directory; messages name it as given.
  ///   - options: The format (detected by default), variable, labels, delimiter and header.
  /// - Returns: The data set, named after the file.
  /// - Throws: ``DataError``s naming the file and the line or variable.
  public static func load(path: String, options: DataLoadOptions = DataLoadOptions()) throws -> Dataset {
    try load(contentsOf: URL(fileURLWithPath: path), options: options)
  }

  /// Loads a data file.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - options: The format (detected by default), variable, labels, delimiter and header.
  /// - Returns: The data set, named after the file.
  /// - Throws: ``DataError``s naming the file and the line or variable.
  public static func load(contentsOf url: URL, options: DataLoadOptions = DataLoadOptions()) throws -> Dataset {
    let format = options.format == .auto ? try DataFormat.detect(url) : options.format
    let dataset: Dataset
    switch format {
    case .mat:
      dataset = try MatLoader.load(contentsOf: url, options: options)
    case .iris:
      dataset = try IrisLoader.load(contentsOf: url, options: options)
    case .csv, .auto:
      dataset = try CSVLoader.load(contentsOf: url, options: options)
    }
    return try options.classes.map(dataset.selectingClasses) ?? dataset
  }
}

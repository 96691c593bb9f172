import ArgumentParser
import Foundation
import NNData

/// The flags that say how to read a data file: `--format`, `--variable`, `--labels`, `--label-column`,
/// `--delimiter`, `--classes`, and the limits `--max-elements` and `--max-line-length`. A command adds them with `@OptionGroup var dataArguments: DataArguments` and loads with
/// `DataLoader.load(source: path, options: try dataArguments.options())`.
struct DataArguments: ParsableArguments {
  @Option(help: "The file format: auto (by extension and content), mat, iris or csv.")
  var format = "auto"

  @Option(help: "The MAT variable holding the samples (default: the only 2-D numeric variable).")
  var variable: String?

  @Option(help: "A MAT variable holding one label per sample (instead of a label column).")
  var labels: String?

  @Option(
    name: .customLong("label-column"),
    help: "The label column: a 0-based index (-1 = last, the default) or a CSV header name.")
  var labelColumn: String?

  @Option(help: "The CSV delimiter: ',', ';' or tab (default: detected).")
  var delimiter: String?

  @Option(
    help: ArgumentHelp(
      "Keep only these classes, comma-separated, numbered in this order (e.g. Iris-versicolor,Iris-virginica).",
      valueName: "names"))
  var classes: String?

  @OptionGroup var limits: DataLimitArguments

  /// Whether any of the flags that say how to read the file was given (the limits are not among them).
  var isGiven: Bool {
    format != "auto" || variable != nil || labels != nil || labelColumn != nil || delimiter != nil || classes != nil
  }

  /// The loader options these flags describe.
  ///
  /// - Throws: A usage ``CommandFailure`` for an unknown format or delimiter, an empty label column, both
  ///   `--labels` and `--label-column`, an empty class name in `--classes`, or a limit below 1.
  func options() throws -> DataLoadOptions {
    guard let dataFormat = DataFormat(rawValue: format.lowercased()) else {
      let names = DataFormat.allCases.map(\.rawValue).joined(separator: ", ")
      throw CommandFailure("unknown --format '\(format)'; formats: \(names)")
    }
    var options = DataLoadOptions(format: dataFormat, variable: variable, labelsVariable: labels)
    try limits.apply(to: &options)
    if let labelColumn {
      guard !labelColumn.isEmpty else { throw CommandFailure("--label-column needs an index or a column name") }
      guard labels == nil else { throw CommandFailure("give either --labels or --label-column, not both") }
      options.labelColumn = LabelColumn(labelColumn)
    }
    if let delimiter {
      guard let separator = CSVDelimiter(argument: delimiter) else {
        throw CommandFailure("unknown --delimiter '\(delimiter)'; delimiters: ',', ';', tab")
      }
      options.delimiter = separator
    }
    if let classes {
      let names = classes.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard !names.contains(where: \.isEmpty) else {
        throw CommandFailure("--classes needs comma-separated class names, got '\(classes)'")
      }
      options.classes = names
      options.targetKind = .classification
    }
    return options
  }
}

/// The limits on the data a command reads: `--max-elements` and `--max-line-length`. Part of ``DataArguments``;
/// `nn inspect` takes `--max-elements` alone.
struct DataLimitArguments: ParsableArguments {
  @Option(
    name: .customLong("max-elements"),
    help: ArgumentHelp(
      "Refuse data with more elements (rows × columns) than this (default: \(DataLoadOptions.defaultMaximumElements)).",
      valueName: "count"))
  var maximumElements: Int?

  @Option(
    name: .customLong("max-line-length"),
    help: ArgumentHelp(
      "Refuse a CSV or iris line longer than this many bytes (default: \(DataLoadOptions.defaultMaximumLineLength)).",
      valueName: "bytes"))
  var maximumLineLength: Int?

  /// The flags as parsed from the command line.
  init() {}

  /// The limits given by a command that takes them as its own options.
  ///
  /// - Parameters:
  ///   - maximumElements: `--max-elements`, if given.
  ///   - maximumLineLength: `--max-line-length`, if given.
  init(maximumElements: Int?, maximumLineLength: Int? = nil) {
    self.maximumElements = maximumElements
    self.maximumLineLength = maximumLineLength
  }

  /// Sets the limits given in `options`, leaving the others at what `options` holds.
  ///
  /// - Parameter options: The options to change.
  /// - Throws: A usage ``CommandFailure`` for a limit below 1.
  func apply(to options: inout DataLoadOptions) throws {
    if let maximumElements {
      guard maximumElements >= 1 else {
        throw CommandFailure("--max-elements must be at least 1, got \(maximumElements)")
      }
      options.maximumElements = maximumElements
    }
    if let maximumLineLength {
      guard maximumLineLength >= 1 else {
        throw CommandFailure("--max-line-length must be at least 1, got \(maximumLineLength)")
      }
      options.maximumLineLength = maximumLineLength
    }
  }
}

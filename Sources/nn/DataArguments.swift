import ArgumentParser
import NNData

/// The flags that say how to read a data file: `--format`, `--variable`, `--labels`, `--label-column`,
/// `--delimiter`. A command adds them with `@OptionGroup var dataArguments: DataArguments` and loads with
/// `DataSource.load(path, options: try dataArguments.options())`.
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

  /// The loader options these flags describe.
  ///
  /// - Throws: A usage ``CommandFailure`` for an unknown format or delimiter, an empty label column, or both
  ///   `--labels` and `--label-column`.
  func options() throws -> DataLoadOptions {
    guard let dataFormat = DataFormat(rawValue: format.lowercased()) else {
      let names = DataFormat.allCases.map(\.rawValue).joined(separator: ", ")
      throw CommandFailure("unknown --format '\(format)'; formats: \(names)")
    }
    var options = DataLoadOptions(format: dataFormat, variable: variable, labelsVariable: labels)
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
    return options
  }
}

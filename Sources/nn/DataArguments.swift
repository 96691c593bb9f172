import ArgumentParser
import Foundation
import NNData

/// The flags that say how to read a data file: `--format`, `--variable`, `--labels`, `--label-column`,
/// `--delimiter`, `--classes`. A command adds them with `@OptionGroup var dataArguments: DataArguments` and loads with
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

  /// Whether any of these flags was given.
  var isGiven: Bool {
    format != "auto" || variable != nil || labels != nil || labelColumn != nil || delimiter != nil || classes != nil
  }

  /// The loader options these flags describe.
  ///
  /// - Throws: A usage ``CommandFailure`` for an unknown format or delimiter, an empty label column, both
  ///   `--labels` and `--label-column`, or an empty class name in `--classes`.
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

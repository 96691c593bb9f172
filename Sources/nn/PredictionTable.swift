import Foundation
import NNCore
import NNData
@_spi(Internals) import NNLayers
@_spi(Internals) import NNTraining

/// A model's predictions, one row per sample: the predicted class and the class probabilities, or the
/// regression outputs; written as CSV or as a MAT file.
struct PredictionTable {
  /// The CSV header: `predicted` and the class names, or `output` (`output_1`, … for several outputs).
  let header: [String]
  /// The predicted class of each sample (classification).
  let predictedClasses: [Int]?
  /// The class names (classification).
  let classNames: [String]
  /// The class probabilities (classification) or the outputs (regression), one row per sample.
  let values: Matrix

  /// The table for a model's outputs.
  ///
  /// - Parameters:
  ///   - outputs: The network's outputs; for a one-unit two-class model the column is `P(second class)`.
  ///   - classNames: The model's class names; empty for regression.
  init(outputs: Matrix, classNames: [String]) {
    self.classNames = classNames
    guard !classNames.isEmpty else {
      predictedClasses = nil
      values = outputs
      header = outputs.columns == 1 ? ["output"] : (1...outputs.columns).map { "output_\($0)" }
      return
    }
    predictedClasses = Accuracy.predictedClasses(outputs)
    if outputs.columns == 1 {
      values = Matrix((0..<outputs.rows).map { [1 - outputs[$0, 0], outputs[$0, 0]] })
    } else {
      values = outputs
    }
    header = ["predicted"] + classNames
  }

  /// The table as CSV: the header, then one line per sample.
  var csv: String {
    var lines = [header.map(Self.quoted).joined(separator: ",")]
    for row in 0..<values.rows {
      var fields = values.row(row).map { "\($0)" }
      if let predictedClasses { fields.insert(Self.quoted(classNames[predictedClasses[row]]), at: 0) }
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Writes the table to `path`, atomically: CSV for `.csv`, a MAT file (v7) for `.mat`. In a MAT file a
  /// classification is the variables `predicted` (the class as a number when every class name is one, as for
  /// 0/1 labels, else its 0-based index) and `probabilities`; a regression is `outputs`.
  ///
  /// - Parameter path: A `.csv` or `.mat` file.
  /// - Throws: ``CommandFailure``: usage (64) for another extension, input/output (74) when writing fails.
  func write(to path: String) throws {
    switch URL(fileURLWithPath: path).pathExtension.lowercased() {
    case "csv":
      try AtomicFile.write(Data(csv.utf8), to: path)
    case "mat":
      let url = URL(fileURLWithPath: path)
      guard let predictedClasses else {
        try MatFile.write(values, named: "outputs", to: url)
        return
      }
      let numbers = classNames.map { Double($0) }
      let classValues =
        numbers.allSatisfy { $0 != nil }
        ? predictedClasses.map { numbers[$0]! } : predictedClasses.map(Double.init)
      let predicted = Matrix(rows: classValues.count, columns: 1, elements: classValues)
      try MatFile.write([(name: "predicted", matrix: predicted), (name: "probabilities", matrix: values)], to: url)
    default:
      throw CommandFailure("--output must end in .csv or .mat, got '\(path)'")
    }
  }

  private static func quoted(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

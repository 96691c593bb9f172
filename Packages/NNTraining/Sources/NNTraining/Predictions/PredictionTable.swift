import Foundation
import NNCore
@_spi(Internals) import NNData
import NNLayers

/// A model's predictions, one row per sample: the predicted class and the class probabilities, or the
/// regression outputs; written as CSV text or as a MAT file, as `nn predict` writes them.
///
/// ```swift
/// let model = try LoadedModel(path: "iris.json", registry: registry)
/// let table = PredictionTable(outputs: try model.predict(features), classNames: model.file.classNames)
/// print(table.csv(), terminator: "")      // predicted,Iris-setosa,Iris-versicolor,Iris-virginica …
/// try table.write(path: "predictions.mat")  // the variables `predicted` and `probabilities`
/// ```
public struct PredictionTable: Equatable, Sendable {
  /// The file formats a table is written in.
  public enum Format: String, Equatable, Sendable {
    /// Comma-separated text: a header line, then one line per sample.
    case csv
    /// A MATLAB file (version 7, compressed), read by MATLAB, Octave, SciPy and ``/NNData/MatFile``.
    case mat

    /// The format a path's extension names, in any case: `.csv` or `.mat`.
    ///
    /// - Parameter path: A file path.
    /// - Returns: The format, or nil for any other extension.
    public init?(path: String) {
      self.init(rawValue: URL(fileURLWithPath: path).pathExtension.lowercased())
    }
  }

  /// The column names: `predicted` and the class names, or `output` (`output_1`, `output_2`, … for several
  /// outputs).
  public let header: [String]
  /// The predicted class of each sample (classification), by ``/NNLayers/Accuracy/predictedClasses(_:)``.
  public let predictedClasses: [Int]?
  /// The class names (classification); empty for regression.
  public let classNames: [String]
  /// The class probabilities (classification) or the outputs (regression), one row per sample.
  public let values: Matrix

  /// The table of a model's outputs.
  ///
  /// A classification model with one output (a sigmoid probability of the second class `p`) gets the two
  /// columns `1 − p` and `p`.
  ///
  /// - Parameters:
  ///   - outputs: The network's outputs, one sample a row.
  ///   - classNames: The model's class names; empty for regression.
  public init(outputs: Matrix, classNames: [String]) {
    self.classNames = classNames
    guard !classNames.isEmpty else {
      predictedClasses = nil
      values = outputs
      header = outputs.columns == 1 ? ["output"] : (1...outputs.columns).map { "output_\($0)" }
      return
    }
    predictedClasses = Accuracy.predictedClasses(outputs)
    if outputs.columns == 1 {
      values = Matrix((0..<outputs.rows).map { [1 - outputs[$0, 0], outputs[$0, 0]] }).converted(
        to: outputs.elementType)
    } else {
      values = outputs
    }
    header = ["predicted"] + classNames
  }

  /// The table as CSV: the header, then one line per sample (the predicted class name first, for a
  /// classification), numbers written in full precision (the shortest text that reads back as the same value of the
  /// outputs' element type); fields holding a comma, quote or newline are quoted.
  ///
  /// - Returns: The text, ending in a newline.
  public func csv() -> String {
    var lines = [header.map(Self.quoted).joined(separator: ",")]
    for row in 0..<values.rows {
      var fields = values.row(row).map { values.elementType == .float32 ? "\(Float($0))" : "\($0)" }
      if let predictedClasses { fields.insert(Self.quoted(classNames[predictedClasses[row]]), at: 0) }
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Writes the table to `path` in the format its extension names (`.csv` or `.mat`), atomically.
  ///
  /// - Parameter path: A `.csv` or `.mat` file.
  /// - Throws: ``/NNData/DataError/invalidArgument(name:problem:)`` for another extension; otherwise as
  ///   ``write(path:format:)``.
  public func write(path: String) throws {
    guard let format = Format(path: path) else {
      throw DataError.invalidArgument(
        name: "prediction file", problem: "expected a name ending in .csv or .mat, got '\(path)'")
    }
    try write(path: path, format: format)
  }

  /// Writes the table to `path` atomically: a reader never sees half a file. A MAT file holds, for a
  /// classification, the variables `predicted` (the class as a number when every class name is one, as for 0/1
  /// labels, else its 0-based index) and `probabilities`; for a regression, `outputs`.
  ///
  /// - Parameters:
  ///   - path: The file to write; its folder must exist.
  ///   - format: CSV or MAT.
  /// - Throws: ``/NNData/DataError/unwritableFile(path:reason:)`` when the file cannot be written, and
  ///   ``/NNData/DataError/unavailableLibrary(name:reason:)`` when libmatio is missing.
  public func write(path: String, format: Format) throws {
    switch format {
    case .csv:
      try AtomicFile.write(Data(csv().utf8), to: path)
    case .mat:
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
    }
  }

  /// A CSV field, quoted (with doubled quotes inside) when it holds a comma, a quote or a newline.
  ///
  /// - Parameter field: The field's text.
  /// - Returns: The field as written.
  private static func quoted(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

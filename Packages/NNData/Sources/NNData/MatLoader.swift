import Foundation
import NNCore

/// Loads a data set from a MAT file: one variable's rows are the samples, the labels come from one of its
/// columns or from another variable.
///
/// The seed's `samples.mat` (200 rows: x, y, z and a 0/1 label) loads with the defaults:
///
/// ```swift
/// let data = try MatLoader.load(contentsOf: URL(fileURLWithPath: "samples.mat"))
/// // 200 samples, 3 features, classes "0" and "1"
/// ```
///
/// - The variable: ``DataLoadOptions/variable``, or else the only *candidate*: a usable 2-D numeric variable
///   with more than one element, other than the labels variable. When several remain and one is named like
///   the file (`samples` in `samples.mat`, as MATLAB's `save samples` writes every workspace variable into
///   it), that one; otherwise an error lists the candidates.
/// - The labels: ``DataLoadOptions/labelsVariable`` (a vector with one element per row), or the column
///   ``DataLoadOptions/labelColumn`` (default: the last), which is then not a feature.
/// - Integer labels are classes named after their values in increasing order; other numbers are regression
///   targets (see ``TargetKind``).
public enum MatLoader {
  /// Loads the samples and labels of a MAT file.
  ///
  /// - Parameters:
  ///   - url: The file; messages name it by `url.relativePath`.
  ///   - options: The variable, the labels and the element limit; the format, delimiter and header options are
  ///     ignored.
  /// - Returns: A data set named after the file.
  /// - Throws: The errors of ``MatFile``; ``DataError/badVariable(source:variable:problem:)`` for a missing,
  ///   unusable or ambiguous variable, one that claims more elements than the file can hold or the limit allows, a label column out of range, NaN or infinity in the data, or labels
  ///   of the wrong length or kind; ``DataError/invalidArgument(name:problem:)`` when both a labels variable
  ///   and a label column are given.
  public static func load(contentsOf url: URL, options: DataLoadOptions = DataLoadOptions()) throws -> Dataset {
    try SizeLimit.validate(options)
    let file = try MatFile(contentsOf: url, maximumElements: options.maximumElements)
    let path = file.path
    if options.labelsVariable != nil, options.labelColumn != nil {
      throw DataError.invalidArgument(
        name: "labels", problem: "give either a labels variable or a label column, not both")
    }
    let name = try chooseVariable(in: file, options: options)
    func fail(_ problem: String) -> DataError { .badVariable(source: path, variable: name, problem: problem) }
    let matrix = try file.matrix(named: name)
    try requireFinite(matrix, fail: fail)

    let features: Matrix
    let labelValues: [Double]
    let labelFail: (String) -> DataError
    if let labelsName = options.labelsVariable {
      let labels = try file.matrix(named: labelsName)
      labelFail = { .badVariable(source: path, variable: labelsName, problem: $0) }
      try requireFinite(labels, fail: labelFail)
      guard labels.rows == 1 || labels.columns == 1, labels.count == matrix.rows else {
        throw labelFail(
          "expected one label per sample of '\(name)' (\(matrix.rows)x1 or 1x\(matrix.rows)), found "
            + "\(labels.rows)x\(labels.columns)")
      }
      features = matrix
      labelValues = labels.elements
    } else {
      let column = options.labelColumn ?? .last
      guard case .index(let index) = column else {
        throw fail("a MAT variable has no column names; give the label column as an index (0-based, -1 = last)")
      }
      guard let position = LabelColumn.position(of: index, among: matrix.columns) else {
        throw fail(LabelColumn.outOfRange(index, count: matrix.columns))
      }
      guard matrix.columns >= 2 else {
        throw fail("has 1 column: the labels would leave no features (give the labels as another variable)")
      }
      labelValues = (0..<matrix.rows).map { matrix[$0, position] }
      features = removingColumn(position, from: matrix)
      labelFail = fail
    }
    let encoded = try LabelEncoding.numeric(
      labelValues, kind: options.targetKind, where: { "row \($0 + 1)" }, fail: labelFail)
    return try Dataset(
      name: url.lastPathComponent, features: features, targets: encoded.targets, labels: encoded.labels,
      classNames: encoded.classNames)
  }

  /// The variable to load: the one named in `options`, or the only candidate (see ``MatLoader``).
  ///
  /// - Parameters:
  ///   - file: The open file.
  ///   - options: The variable and labels variable chosen, if any.
  /// - Returns: The variable's name.
  public static func chooseVariable(in file: MatFile, options: DataLoadOptions = DataLoadOptions()) throws
    -> String
  {
    if let name = options.variable {
      let info = try file.variable(named: name)
      if let reason = info.unusableReason {
        throw DataError.badVariable(
          source: file.path, variable: name,
          problem: info.hasDataShape ? reason : "cannot be used as data: it is \(reason)")
      }
      return name
    }
    // A variable of the right class and shape but too large for the file or the limit is a candidate only when
    // no other is, so that loading it names its size.
    let shaped = file.variables.filter {
      $0.hasDataShape && ($0.elementCount ?? .max) > 1 && $0.name != options.labelsVariable
    }
    let usable = shaped.filter(\.isUsableAsData)
    let candidates = usable.isEmpty ? shaped : usable
    if candidates.count == 1 { return candidates[0].name }
    let stem = file.url.deletingPathExtension().lastPathComponent
    if let named = candidates.first(where: { $0.name == stem }) { return named.name }
    let listing = file.variables.map { "\($0.name) (\($0.matlabClass.rawValue) \($0.dimensionsText))" }
    if candidates.isEmpty {
      let found = listing.isEmpty ? "the file has no variables" : "variables: \(listing.joined(separator: ", "))"
      throw DataError.invalidContent(
        source: file.path, problem: "no variable can be used as data (a numeric 2-D matrix); \(found)")
    }
    let names = candidates.map { "\($0.name) (\($0.matlabClass.rawValue) \($0.dimensionsText))" }
    throw DataError.invalidContent(
      source: file.path,
      problem: "\(candidates.count) variables could be the data: \(names.joined(separator: ", ")); name the "
        + "one to load")
  }

  /// Throws for the first NaN or infinite element, naming its row and column (1-based).
  private static func requireFinite(_ matrix: Matrix, fail: (String) -> DataError) throws {
    let elements = matrix.elements
    guard let position = elements.firstIndex(where: { !$0.isFinite }) else { return }
    let row = position / matrix.columns + 1
    let column = position % matrix.columns + 1
    throw fail("the value at row \(row), column \(column) is \(elements[position]); expected finite numbers")
  }

  /// The matrix without one column, in the matrix's element type.
  static func removingColumn(_ removed: Int, from matrix: Matrix) -> Matrix {
    func kept<Element: MatrixElement>(_ type: Element.Type) -> Matrix {
      var elements: [Element] = []
      elements.reserveCapacity(matrix.rows * (matrix.columns - 1))
      matrix.withUnsafeBufferPointer(as: type) { source in
        for row in 0..<matrix.rows {
          for column in 0..<matrix.columns where column != removed {
            elements.append(source[row * matrix.columns + column])
          }
        }
      }
      return Matrix(rows: matrix.rows, columns: matrix.columns - 1, elements: elements)
    }
    return matrix.elementType == .float64 ? kept(Double.self) : kept(Float.self)
  }
}

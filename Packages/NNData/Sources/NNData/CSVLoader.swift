import Foundation
@_spi(Internals) import NNCore

/// Reads a data set from delimited text: one sample a line, numeric features and a label column.
///
/// ```
/// sepal length;sepal width;species
/// 5.1;3.5;setosa
/// ```
///
/// - The delimiter (`,`, `;` or tab) is detected from the first lines unless given.
/// - A header line is detected (a field that is not a number above one that is) unless stated; its fields
///   name the features and let the label column be chosen by name.
/// - The label column is ``DataLoadOptions/labelColumn``: a 0-based index (negative from the end) or a header
///   name; the last column by default.
/// - Text labels become classes numbered in order of first appearance; numeric labels follow the rules of
///   ``TargetKind`` (integers are classes named after their values in increasing order, other numbers
///   regression targets).
/// - Blank lines, CRLF line ends, a byte-order mark and spaces around fields are tolerated. A missing field, a
///   non-numeric feature, or NaN or infinity is an error naming the line and the column.
/// - The file is read a line at a time: a line longer than ``DataLoadOptions/maximumLineLength`` bytes, or the
///   line that takes the table past ``DataLoadOptions/maximumElements`` elements (rows × columns, labels
///   included), is refused before its fields are kept.
public enum CSVLoader {
  /// Reads and parses a delimited text file, a line at a time.
  ///
  /// - Parameters:
  ///   - url: The file; messages name it by `url.relativePath`.
  ///   - options: The label column, delimiter, header, target kind and limits.
  /// - Returns: A data set named after the file.
  /// - Throws: ``DataError/missingFile(path:)``, ``DataError/unreadableFile(path:reason:)``, and the errors of
  ///   ``parse(_:source:name:options:)``.
  public static func load(contentsOf url: URL, options: DataLoadOptions = DataLoadOptions()) throws -> Dataset {
    try SizeLimit.validate(options)
    let lines = try TextLines(contentsOf: url, maximumLength: options.maximumLineLength)
    return try read(lines, name: url.lastPathComponent, options: options)
  }

  /// Parses delimited text already in memory.
  ///
  /// - Parameters:
  ///   - text: The whole file.
  ///   - source: The file's name for messages (`data.csv:7: …`).
  ///   - name: The data set's name; `source` when `nil`.
  ///   - options: The label column, delimiter, header, target kind and limits.
  /// - Returns: The data set.
  /// - Throws: ``DataError/malformedLine(source:line:problem:)`` for a line with the wrong number of fields, a
  ///   feature that is not a finite number, a line longer than ``DataLoadOptions/maximumLineLength`` bytes, or the
  ///   line that takes the table past ``DataLoadOptions/maximumElements`` elements (rows × columns);
  ///   ``DataError/invalidContent(source:problem:)`` for no samples, a label column that does not exist, or labels
  ///   of the wrong kind; ``DataError/invalidArgument(name:problem:)`` for a limit below 1.
  public static func parse(
    _ text: String, source: String, name: String? = nil, options: DataLoadOptions = DataLoadOptions()
  ) throws -> Dataset {
    try SizeLimit.validate(options)
    let lines = TextLines(text: text, source: source, maximumLength: options.maximumLineLength)
    return try read(lines, name: name ?? source, options: options)
  }

  /// Reads the rows of `lines` into a data set, checking each row's width and the element limit before keeping
  /// its values.
  private static func read(_ lines: TextLines, name: String, options: DataLoadOptions) throws -> Dataset {
    let source = lines.source
    var table = try CSVTable(lines, delimiter: options.delimiter, hasHeader: options.hasHeader)
    guard var row = try table.nextRow() else {
      throw DataError.invalidContent(source: source, problem: "no samples (expected lines of numbers and a label)")
    }
    let width = table.header?.count ?? row.fields.count
    guard width >= 2 else {
      throw DataError.invalidContent(
        source: source,
        problem: "each line has 1 field (separated by \(table.delimiter)); expected features and a label")
    }
    let labelPosition = try position(
      of: options.labelColumn ?? .last, width: width, header: table.header, source: source)
    let columnNames = table.header ?? (0..<width).map { "column \($0 + 1)" }

    var elements: [Double] = []
    var labelFields: [String] = []
    var lineNumbers: [Int] = []
    while true {
      func fail(_ problem: String) -> DataError { .malformedLine(source: source, line: row.line, problem: problem) }
      guard row.fields.count == width else {
        throw fail("expected \(width) fields separated by \(table.delimiter), found \(row.fields.count)")
      }
      if let problem = SizeLimit.tableProblem(
        rows: lineNumbers.count + 1, columns: width, limit: options.maximumElements)
      {
        throw fail(problem)
      }
      for (column, field) in row.fields.enumerated() {
        let what = "column \(column + 1) (\(columnNames[column]))"
        if column == labelPosition {
          guard !field.isEmpty else { throw fail("expected a label in \(what), found an empty field") }
          labelFields.append(field)
          continue
        }
        guard let value = Double(field) else {
          throw fail("expected a number in \(what), found \(field.isEmpty ? "an empty field" : "'\(field)'")")
        }
        guard value.isFinite else { throw fail("expected a finite number in \(what), found '\(field)'") }
        elements.append(value)
      }
      lineNumbers.append(row.line)
      guard let next = try table.nextRow() else { break }
      row = next
    }
    let fail = { (problem: String) in DataError.invalidContent(source: source, problem: problem) }
    let numeric = labelFields.compactMap { Double($0) }
    let encoded: LabelEncoding.Encoded
    if numeric.count == labelFields.count {
      if let bad = numeric.firstIndex(where: { !$0.isFinite }) {
        throw DataError.malformedLine(
          source: source, line: lineNumbers[bad],
          problem: "expected a finite label in column \(labelPosition + 1), found '\(labelFields[bad])'")
      }
      encoded = try LabelEncoding.numeric(
        numeric, kind: options.targetKind, where: { "line \(lineNumbers[$0])" }, fail: fail)
    } else {
      encoded = try LabelEncoding.text(labelFields, kind: options.targetKind, fail: fail)
    }
    let features = Matrix(rows: lineNumbers.count, columns: width - 1, elements: elements)
    var featureNames: [String] = []
    if let header = table.header {
      featureNames = header.enumerated().filter { $0.offset != labelPosition }.map(\.element)
    }
    return try Dataset(
      name: name, features: features, targets: encoded.targets, labels: encoded.labels,
      classNames: encoded.classNames, featureNames: featureNames)
  }

  /// The 0-based position of the label column among `width` columns.
  private static func position(of column: LabelColumn, width: Int, header: [String]?, source: String) throws -> Int {
    switch column {
    case .index(let index):
      guard let position = LabelColumn.position(of: index, among: width) else {
        throw DataError.invalidContent(source: source, problem: LabelColumn.outOfRange(index, count: width))
      }
      return position
    case .name(let name):
      guard let header else {
        throw DataError.invalidContent(
          source: source, problem: "no header line, so no column is named '\(name)'; give the label column as an index")
      }
      guard let position = header.firstIndex(of: name) else {
        let hint = NameSuggestion.closest(to: name, among: header).map { " (did you mean '\($0)'?)" } ?? ""
        throw DataError.invalidContent(
          source: source, problem: "no column is named '\(name)'\(hint); columns: \(header.joined(separator: ", "))")
      }
      return position
    }
  }
}

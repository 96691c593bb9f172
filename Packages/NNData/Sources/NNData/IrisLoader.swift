import Foundation
import NNCore

/// Reads the iris data set in the UCI text format, one sample a line: four numbers and a class name.
///
/// ```
/// 5.1,3.5,1.4,0.2,Iris-setosa
/// ```
///
/// The reader tolerates blank lines, CRLF line ends, a UTF-8 byte-order mark, spaces around fields and one
/// header line: when the first non-blank line has five fields and none of its first four parses as a number,
/// it names the features instead of holding a sample. Class names become indices in order of first appearance (for the
/// UCI file: setosa 0, versicolor 1, virginica 2). Any other malformed line throws a ``DataError`` naming
/// the file, the 1-based line number and what was expected. The file is read a line at a time, within the limits
/// of ``DataLoadOptions/maximumLineLength`` and ``DataLoadOptions/maximumElements`` (five elements a sample).
public enum IrisLoader {
  /// The number of numeric fields before the class name.
  public static let featureCount = 4

  /// The feature names used when the file has no header (all in centimetres).
  public static let defaultFeatureNames = [
    "sepal length", "sepal width", "petal length", "petal width",
  ]

  /// Reads and parses an iris file, a line at a time.
  ///
  /// - Parameters:
  ///   - url: A file URL. Messages name it by its path as given (`url.relativePath`).
  ///   - options: The limits on the line length and the number of elements; the other options do not apply.
  /// - Returns: A classification data set named after the file (`iris.data`).
  /// - Throws: ``DataError/missingFile(path:)`` when nothing is at `url`, ``DataError/unreadableFile(path:reason:)``
  ///   when it cannot be read as UTF-8 text, and the errors of ``parse(_:source:name:options:)``.
  public static func load(contentsOf url: URL, options: DataLoadOptions = DataLoadOptions()) throws -> Dataset {
    try SizeLimit.validate(options)
    let lines = try TextLines(contentsOf: url, maximumLength: options.maximumLineLength)
    return try read(lines, name: url.lastPathComponent, maximumElements: options.maximumElements)
  }

  /// Parses iris text already in memory.
  ///
  /// - Parameters:
  ///   - text: The whole file.
  ///   - source: The file's name for messages (`iris.data` gives `iris.data:17: …`).
  ///   - name: The data set's name; `source` when `nil`.
  ///   - options: The limits on the line length and the number of elements; the other options do not apply.
  /// - Returns: A classification data set with one-hot targets.
  /// - Throws: ``DataError/malformedLine(source:line:problem:)`` for a line without exactly four finite numbers
  ///   and a non-empty class name, a line longer than ``DataLoadOptions/maximumLineLength`` bytes, or the line
  ///   that takes the data past ``DataLoadOptions/maximumElements`` elements (five a line);
  ///   ``DataError/invalidContent(source:problem:)`` when there is no sample;
  ///   ``DataError/invalidArgument(name:problem:)`` for a limit below 1.
  public static func parse(
    _ text: String, source: String, name: String? = nil, options: DataLoadOptions = DataLoadOptions()
  ) throws -> Dataset {
    try SizeLimit.validate(options)
    let lines = TextLines(text: text, source: source, maximumLength: options.maximumLineLength)
    return try read(lines, name: name ?? source, maximumElements: options.maximumElements)
  }

  /// Reads the samples of `lines`.
  private static func read(_ lines: TextLines, name: String, maximumElements: Int) throws -> Dataset {
    let source = lines.source
    var elements: [Double] = []
    var labels: [Int] = []
    var classes = ClassNumbering()
    var featureNames = defaultFeatureNames
    var seenFirstLine = false

    while let next = try lines.next() {
      let lineNumber = next.number
      let line = next.text.trimmingWhitespace()
      if line.isEmpty { continue }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingWhitespace()
      }
      let isFirstLine = !seenFirstLine
      seenFirstLine = true
      if isFirstLine, fields.count == featureCount + 1,
        fields.prefix(featureCount).allSatisfy({ Double($0) == nil })
      {
        featureNames = fields.prefix(featureCount).map(String.init)
        continue
      }
      func fail(_ problem: String) -> DataError {
        .malformedLine(source: source, line: lineNumber, problem: problem)
      }
      guard fields.count == featureCount + 1 else {
        let found = fields.count == 1 ? "1 field" : "\(fields.count) fields"
        throw fail("expected \(featureCount) numbers and a class name, found \(found)")
      }
      if let problem = SizeLimit.tableProblem(
        rows: labels.count + 1, columns: featureCount + 1, limit: maximumElements)
      {
        throw fail(problem)
      }
      for position in 0..<featureCount {
        let field = fields[position]
        let what = "field \(position + 1) (\(featureNames[position]))"
        guard let value = Double(field) else {
          throw fail("expected a number for \(what), found '\(field)'")
        }
        guard value.isFinite else {
          throw fail("expected a finite number for \(what), found '\(field)'")
        }
        elements.append(value)
      }
      let className = String(fields[featureCount])
      guard !className.isEmpty else {
        throw fail("expected a class name in field \(featureCount + 1), found an empty field")
      }
      labels.append(classes.index(of: className))
    }
    guard !labels.isEmpty else {
      throw DataError.invalidContent(
        source: source,
        problem: "no samples (expected lines of \(featureCount) numbers and a class name)")
    }
    let features = Matrix(rows: labels.count, columns: featureCount, elements: elements)
    return try Dataset(
      name: name, features: features, labels: labels, classNames: classes.names,
      featureNames: featureNames)
  }

  /// The copy of the UCI iris data shipped with this package (150 samples, 50 per class).
  ///
  /// - Returns: A data set named `iris` with classes `Iris-setosa`, `Iris-versicolor`, `Iris-virginica`.
  /// - Throws: ``DataError/missingResource(name:searched:)`` when the resource bundle is not installed next to
  ///   the program.
  public static func bundled() throws -> Dataset {
    let url = try BundledResource.url(forResource: "iris", withExtension: "data")
    let lines = try TextLines(
      contentsOf: url, source: url.lastPathComponent, maximumLength: DataLoadOptions.defaultMaximumLineLength)
    return try read(lines, name: "iris", maximumElements: DataLoadOptions.defaultMaximumElements)
  }
}

extension Dataset {
  /// The copy of the UCI iris data shipped with this package: 150 flowers, 4 measurements in centimetres,
  /// 3 classes of 50 (see ``IrisLoader/bundled()``).
  ///
  /// - Throws: ``DataError/missingResource(name:searched:)`` when the resource bundle cannot be found.
  public static func iris() throws -> Dataset {
    try IrisLoader.bundled()
  }
}

extension Substring {
  /// This text without leading and trailing spaces, tabs and line ends (including a CRLF's carriage return).
  func trimmingWhitespace() -> Substring {
    guard let first = firstIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
    let last = lastIndex(where: { !$0.isWhitespace })!
    return self[first...last]
  }
}

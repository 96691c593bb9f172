import Foundation
import NNCore

/// The reference scripts' data files (`iris.csv`, `digits_train.csv`, `digits_test.csv`).
public enum BenchmarkData {
  /// The environment variable naming the data directory.
  public static let environmentVariable = "NN_BENCH_DATA"

  /// The data directory: `$NN_BENCH_DATA`, or `../shared/bench/data` relative to the repository root.
  public static var directory: URL {
    if let path = ProcessInfo.processInfo.environment[environmentVariable], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    let repositoryRoot = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // Workloads
      .deletingLastPathComponent()  // Sources
      .deletingLastPathComponent()  // Benchmarks
      .deletingLastPathComponent()  // the repository
    return repositoryRoot.appendingPathComponent("../shared/bench/data").standardizedFileURL
  }

  /// A numeric CSV file with a header line: its rows as one matrix.
  ///
  /// - Parameter name: The file name inside ``directory``.
  /// - Throws: ``BenchmarkDataError`` when the file is missing or a field is not a number.
  public static func table(named name: String) throws -> Matrix {
    let url = directory.appendingPathComponent(name)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw BenchmarkDataError.missingFile(path: url.path)
    }
    var lines = text.split(whereSeparator: \.isNewline)
    guard !lines.isEmpty else { throw BenchmarkDataError.malformed(path: url.path, line: 1) }
    lines.removeFirst()
    var rows: [[Double]] = []
    rows.reserveCapacity(lines.count)
    for (index, line) in lines.enumerated() {
      let fields = line.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard !fields.isEmpty, fields.allSatisfy({ $0 != nil }), fields.count == rows.first?.count ?? fields.count
      else { throw BenchmarkDataError.malformed(path: url.path, line: index + 2) }
      rows.append(fields.map { $0! })
    }
    return Matrix(rows)
  }

  /// Splits a table whose last column is a class index into features and labels.
  public static func featuresAndLabels(_ table: Matrix, scale: Double = 1) -> (features: Matrix, labels: [Int]) {
    let featureCount = table.columns - 1
    var features = Matrix(rows: table.rows, columns: featureCount)
    var labels = [Int](repeating: 0, count: table.rows)
    for row in 0..<table.rows {
      for column in 0..<featureCount { features[row, column] = table[row, column] * scale }
      labels[row] = Int(table[row, featureCount])
    }
    return (features, labels)
  }

  /// One-hot rows for class indices in `0..<classCount`.
  public static func oneHot(_ labels: [Int], classCount: Int) -> Matrix {
    var targets = Matrix(rows: labels.count, columns: classCount)
    for (row, label) in labels.enumerated() { targets[row, label] = 1 }
    return targets
  }
}

/// Why a benchmark's data could not be read.
public enum BenchmarkDataError: Error, CustomStringConvertible {
  /// The file does not exist or cannot be read.
  case missingFile(path: String)
  /// A line is not a row of numbers like the others.
  case malformed(path: String, line: Int)

  /// A one-line message naming the file and what to do.
  public var description: String {
    switch self {
    case .missingFile(let path):
      return "cannot read \(path): set \(BenchmarkData.environmentVariable) to the directory holding the "
        + "reference scripts' data (iris.csv, digits_train.csv, digits_test.csv), by default ../shared/bench/data "
        + "from the repository root"
    case .malformed(let path, let line):
      return "\(path):\(line): expected a row of numbers like the others"
    }
  }
}

import NNCore

/// Matrices built from data: the one-hot encoding of class labels.
extension Matrix {
  /// The one-hot encoding of class labels: one row per label, one column per class.
  ///
  /// ```
  /// result[i][j] = 1 if labels[i] == j, else 0
  /// ```
  ///
  /// - Parameters:
  ///   - labels: Class indices, each in `0..<classCount`.
  ///   - classCount: The number of classes (columns), at least 1.
  /// - Returns: A `labels.count × classCount` matrix.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` when `classCount` is less than 1 or a label is out
  ///   of range.
  public static func oneHot(labels: [Int], classCount: Int) throws -> Matrix {
    guard classCount >= 1 else {
      throw DataError.invalidArgument(
        name: "class count", problem: "expected at least 1, got \(classCount)")
    }
    var result = Matrix(rows: labels.count, columns: classCount)
    for (row, label) in labels.enumerated() {
      guard label >= 0 && label < classCount else {
        throw DataError.invalidArgument(
          name: "label", problem: "label \(label) of sample \(row + 1) is outside 0..<\(classCount)"
        )
      }
      result[row, label] = 1
    }
    return result
  }
}

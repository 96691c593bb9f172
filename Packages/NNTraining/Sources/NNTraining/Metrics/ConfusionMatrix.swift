import NNCore
import NNLayers

/// The confusion matrix of a classification: `counts[i][j]` is the number of samples of true class `i`
/// predicted as class `j`, so the diagonal holds the correct predictions, a row sums to the class's samples
/// (its support) and a column to the predictions of the class (scikit-learn's `confusion_matrix` layout).
///
/// ```swift
/// let confusion = try ConfusionMatrix(predictedClasses: [0, 2, 1, 1], labels: [0, 1, 1, 2], classCount: 3)
/// confusion.counts    // [[1, 0, 0], [0, 1, 1], [0, 1, 0]]
/// confusion.accuracy  // 0.5
/// ```
public struct ConfusionMatrix: Equatable, Sendable {
  /// `counts[i][j]`: the samples of true class `i` predicted as class `j`; ``classCount`` rows of
  /// ``classCount`` counts.
  public let counts: [[Int]]

  /// The number of classes.
  public var classCount: Int { counts.count }

  /// The number of samples counted, `Σᵢ Σⱼ counts[i][j]`.
  public var sampleCount: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

  /// The fraction of samples predicted correctly, 0 when there are none:
  ///
  /// ```
  /// accuracy = Σₖ counts[k][k] / Σᵢ Σⱼ counts[i][j]
  /// ```
  public var accuracy: Double {
    let total = sampleCount
    return total == 0 ? 0 : Double(correctCount) / Double(total)
  }

  /// The number of correct predictions, the trace `Σₖ counts[k][k]`.
  public var correctCount: Int { (0..<classCount).reduce(0) { $0 + counts[$1][$1] } }

  /// A confusion matrix of given counts.
  ///
  /// - Parameter counts: `counts[i][j]`, the samples of class `i` predicted as `j`: a square table of
  ///   non-negative counts with at least one class.
  /// - Throws: ``MetricError/invalidClasses(problem:)`` when the table is empty, not square or has a negative
  ///   count.
  public init(counts: [[Int]]) throws(MetricError) {
    guard !counts.isEmpty else { throw .invalidClasses(problem: "a confusion matrix needs at least one class") }
    for (index, row) in counts.enumerated() {
      guard row.count == counts.count else {
        throw .invalidClasses(
          problem: "a confusion matrix is square, but row \(index) of \(counts.count) has \(row.count) counts")
      }
      guard row.allSatisfy({ $0 >= 0 }) else {
        throw .invalidClasses(problem: "row \(index) of the confusion matrix has a negative count")
      }
    }
    self.counts = counts
  }

  /// The confusion matrix of predicted classes against the true labels.
  ///
  /// - Parameters:
  ///   - predictedClasses: The predicted class of each sample, each in `0..<classCount`.
  ///   - labels: The true class of each sample, each in `0..<classCount`.
  ///   - classCount: The number of classes, at least 1; classes without samples or predictions count too.
  /// - Throws: ``MetricError/sampleCountMismatch(predictions:labels:)`` when the lists differ in length,
  ///   ``MetricError/classOutOfRange(what:position:value:classCount:)`` for an index outside the classes,
  ///   ``MetricError/invalidClasses(problem:)`` for a class count below 1.
  public init(predictedClasses: [Int], labels: [Int], classCount: Int) throws(MetricError) {
    guard classCount >= 1 else { throw .invalidClasses(problem: "expected at least 1 class, got \(classCount)") }
    guard predictedClasses.count == labels.count else {
      throw .sampleCountMismatch(predictions: predictedClasses.count, labels: labels.count)
    }
    try Self.check(labels, what: "labels", classCount: classCount)
    try Self.check(predictedClasses, what: "predicted classes", classCount: classCount)
    var counts = Array(repeating: Array(repeating: 0, count: classCount), count: classCount)
    for (truth, guess) in zip(labels, predictedClasses) { counts[truth][guess] += 1 }
    self.counts = counts
  }

  /// The confusion matrix of a model's outputs against the true labels; each sample's predicted class is its
  /// largest output, or for a single output `1` when it is above 0.5 and `0` otherwise
  /// (`Accuracy.predictedClasses(_:)`).
  ///
  /// - Parameters:
  ///   - outputs: The model's outputs, one sample a row.
  ///   - labels: The true class of each row.
  ///   - classCount: The number of classes; by default the outputs' width, or 2 for a single output.
  /// - Throws: ``MetricError`` as ``init(predictedClasses:labels:classCount:)`` does.
  public init(outputs: Matrix, labels: [Int], classCount: Int? = nil) throws(MetricError) {
    try self.init(
      predictedClasses: Accuracy.predictedClasses(outputs), labels: labels,
      classCount: classCount ?? max(outputs.columns, 2))
  }

  /// The samples of class `index` (its row's sum), the class's support.
  ///
  /// - Parameter index: A class in `0..<classCount`.
  /// - Returns: `Σⱼ counts[index][j]`.
  public func support(ofClass index: Int) -> Int { counts[index].reduce(0, +) }

  /// The predictions of class `index` (its column's sum).
  ///
  /// - Parameter index: A class in `0..<classCount`.
  /// - Returns: `Σᵢ counts[i][index]`.
  public func predictionCount(ofClass index: Int) -> Int { (0..<classCount).reduce(0) { $0 + counts[$1][index] } }

  /// Checks that every index lies in `0..<classCount`.
  ///
  /// - Parameters:
  ///   - classes: The class indices.
  ///   - what: The list's name, for the message.
  ///   - classCount: The number of classes.
  /// - Throws: ``MetricError/classOutOfRange(what:position:value:classCount:)`` naming the first bad index.
  private static func check(_ classes: [Int], what: String, classCount: Int) throws(MetricError) {
    if let position = classes.firstIndex(where: { !(0..<classCount).contains($0) }) {
      throw .classOutOfRange(what: what, position: position, value: classes[position], classCount: classCount)
    }
  }
}

import NNCore
import NNTraining
import Testing

/// Classification metrics against examples worked out by hand.
@Suite("metrics: classification")
struct ClassificationMetricsTests {
  /// Ten samples of three classes. True class 0 (4 samples) is predicted 0, 0, 0, 1; true class 1 (4 samples)
  /// 1, 1, 0, 2; true class 2 (2 samples) 2, 2. So the confusion matrix is
  ///
  ///     [[3, 1, 0],
  ///      [1, 2, 1],
  ///      [0, 0, 2]]
  ///
  /// with row sums (supports) 4, 4, 2 and column sums (predictions) 4, 3, 3.
  static let labels = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2]
  /// The predictions described at ``labels``.
  static let predictions = [0, 0, 0, 1, 1, 1, 0, 2, 2, 2]

  /// Asserts `actual` is within 1e-12 of `expected`.
  static func close(_ actual: Double, _ expected: Double, _ what: String) {
    #expect(abs(actual - expected) < 1e-12, "\(what): \(actual), expected \(expected)")
  }

  @Test("a three-class confusion matrix counts rows as true classes and columns as predictions")
  func confusionMatrix() throws {
    let matrix = try ConfusionMatrix(predictedClasses: Self.predictions, labels: Self.labels, classCount: 3)
    #expect(matrix.counts == [[3, 1, 0], [1, 2, 1], [0, 0, 2]])
    #expect(matrix.classCount == 3)
    #expect(matrix.sampleCount == 10)
    #expect(matrix.correctCount == 7)
    #expect(matrix.accuracy == 0.7)
    #expect((0..<3).map { matrix.support(ofClass: $0) } == [4, 4, 2])
    #expect((0..<3).map { matrix.predictionCount(ofClass: $0) } == [4, 3, 3])
    #expect(try ConfusionMatrix(counts: [[3, 1, 0], [1, 2, 1], [0, 0, 2]]) == matrix)
  }

  @Test("per-class precision, recall, F1 and support of the three-class example")
  func perClass() throws {
    let metrics = try ClassificationMetrics(predictedClasses: Self.predictions, labels: Self.labels, classCount: 3)
    let scores = metrics.classScores
    #expect(scores.map(\.support) == [4, 4, 2])
    // Precision: TP over the column sum: 3/4, 2/3, 2/3.
    Self.close(scores[0].precision, 3.0 / 4, "precision 0")
    Self.close(scores[1].precision, 2.0 / 3, "precision 1")
    Self.close(scores[2].precision, 2.0 / 3, "precision 2")
    // Recall: TP over the row sum: 3/4, 2/4, 2/2.
    Self.close(scores[0].recall, 3.0 / 4, "recall 0")
    Self.close(scores[1].recall, 1.0 / 2, "recall 1")
    Self.close(scores[2].recall, 1, "recall 2")
    // F1 = 2pr/(p+r): class 0: p = r = 3/4, so 3/4; class 1: 2·(2/3)(1/2) / (7/6) = 4/7; class 2: (4/3)/(5/3) = 4/5.
    Self.close(scores[0].f1Score, 3.0 / 4, "F1 0")
    Self.close(scores[1].f1Score, 4.0 / 7, "F1 1")
    Self.close(scores[2].f1Score, 4.0 / 5, "F1 2")
    #expect(metrics.accuracy == 0.7)
    #expect(metrics.sampleCount == 10)
  }

  @Test("macro averages weigh every class alike, weighted averages by support")
  func averages() throws {
    let metrics = try ClassificationMetrics(predictedClasses: Self.predictions, labels: Self.labels, classCount: 3)
    // Macro: precision (3/4 + 2/3 + 2/3)/3 = (25/12)/3 = 25/36; recall (3/4 + 1/2 + 1)/3 = 3/4;
    // F1 (3/4 + 4/7 + 4/5)/3 = (105 + 80 + 112)/140/3 = 297/420 = 99/140.
    Self.close(metrics.macroAverage.precision, 25.0 / 36, "macro precision")
    Self.close(metrics.macroAverage.recall, 3.0 / 4, "macro recall")
    Self.close(metrics.macroAverage.f1Score, 99.0 / 140, "macro F1")
    #expect(metrics.macroAverage.support == 10)
    // Weighted by supports 4, 4, 2 over 10: precision (3 + 8/3 + 4/3)/10 = 7/10; recall (3 + 2 + 2)/10 = 7/10
    // (the accuracy, as always); F1 (3 + 16/7 + 8/5)/10 = (105 + 80 + 56)/35/10 = 241/350.
    Self.close(metrics.weightedAverage.precision, 7.0 / 10, "weighted precision")
    Self.close(metrics.weightedAverage.recall, 7.0 / 10, "weighted recall")
    Self.close(metrics.weightedAverage.f1Score, 241.0 / 350, "weighted F1")
    #expect(metrics.weightedAverage.support == 10)
    #expect(abs(metrics.macroAverage.f1Score - metrics.weightedAverage.f1Score) > 0.01, "the two averages differ")
  }

  @Test("zero division: a class never predicted or without samples scores 0 and still counts in the macro average")
  func zeroDivision() throws {
    // Labels 0, 1, 1 predicted 0, 1, 0: [[1, 0, 0], [1, 1, 0], [0, 0, 0]]. Class 2 has no samples, no predictions.
    let metrics = try ClassificationMetrics(predictedClasses: [0, 1, 0], labels: [0, 1, 1], classCount: 3)
    #expect(metrics.classScores[2] == ClassScores(precision: 0, recall: 0, f1Score: 0, support: 0))
    // Class 0: p = 1/2, r = 1, F1 = 1/(3/2) = 2/3; class 1: p = 1, r = 1/2, F1 = 2/3.
    Self.close(metrics.classScores[0].f1Score, 2.0 / 3, "F1 0")
    Self.close(metrics.classScores[1].f1Score, 2.0 / 3, "F1 1")
    // Macro F1 over all three classes: (2/3 + 2/3 + 0)/3 = 4/9; weighted: (1·2/3 + 2·2/3)/3 = 2/3.
    Self.close(metrics.macroAverage.f1Score, 4.0 / 9, "macro F1")
    Self.close(metrics.weightedAverage.f1Score, 2.0 / 3, "weighted F1")

    // A class predicted but without samples: no true positives, so precision 0, and recall 0 for want of support.
    let spurious = try ClassificationMetrics(predictedClasses: [1, 1], labels: [0, 0], classCount: 2)
    #expect(spurious.classScores[1] == ClassScores(precision: 0, recall: 0, f1Score: 0, support: 0))
    #expect(spurious.classScores[0] == ClassScores(precision: 0, recall: 0, f1Score: 0, support: 2))

    let empty = try ClassificationMetrics(predictedClasses: [], labels: [], classCount: 2)
    #expect(empty.accuracy == 0)
    #expect(empty.weightedAverage == ClassScores(precision: 0, recall: 0, f1Score: 0, support: 0))
    #expect(empty.macroAverage == ClassScores(precision: 0, recall: 0, f1Score: 0, support: 0))
  }

  @Test("from outputs: the largest output, or a single output above 0.5, is the predicted class")
  func fromOutputs() throws {
    let probabilities = Matrix([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.2, 0.2, 0.6]])
    let matrix = try ConfusionMatrix(outputs: probabilities, labels: [1, 2, 2])
    // Predicted 1, 0, 2 against 1, 2, 2.
    #expect(matrix.counts == [[0, 0, 0], [0, 1, 0], [1, 0, 1]])

    // One sigmoid output: 0.5 itself is not above 0.5, so it is class 0. Predicted 0, 1, 0, 1 against 0, 1, 1, 0.
    let sigmoid = Matrix([[0.2], [0.7], [0.5], [0.9]])
    let metrics = try ClassificationMetrics(outputs: sigmoid, labels: [0, 1, 1, 0])
    #expect(metrics.confusionMatrix.counts == [[1, 1], [1, 1]])
    #expect(metrics.accuracy == 0.5)
    let wider = try ClassificationMetrics(outputs: sigmoid, labels: [0, 1, 1, 0], classCount: 3)
    #expect(wider.confusionMatrix.counts == [[1, 1, 0], [1, 1, 0], [0, 0, 0]])
  }

  @Test("mismatched lengths, classes out of range and bad counts are refused with a clear message")
  func refusals() {
    #expect(throws: MetricError.sampleCountMismatch(predictions: 2, labels: 3)) {
      try ConfusionMatrix(predictedClasses: [0, 1], labels: [0, 1, 1], classCount: 2)
    }
    #expect(throws: MetricError.classOutOfRange(what: "labels", position: 1, value: 3, classCount: 3)) {
      try ConfusionMatrix(predictedClasses: [0, 1], labels: [0, 3], classCount: 3)
    }
    #expect(throws: MetricError.classOutOfRange(what: "predicted classes", position: 0, value: -1, classCount: 2)) {
      try ConfusionMatrix(predictedClasses: [-1], labels: [0], classCount: 2)
    }
    #expect(throws: MetricError.self) { try ConfusionMatrix(predictedClasses: [], labels: [], classCount: 0) }
    #expect(throws: MetricError.self) { try ConfusionMatrix(counts: [[1, 2], [3]]) }
    #expect(throws: MetricError.self) { try ConfusionMatrix(counts: [[1, -2], [3, 4]]) }
    #expect(throws: MetricError.self) { try ConfusionMatrix(counts: []) }
    #expect(
      "\(MetricError.classOutOfRange(what: "labels", position: 1, value: 3, classCount: 3))"
        == "labels[1] is 3, not a class of 0..<3")
    #expect(
      "\(MetricError.sampleCountMismatch(predictions: 2, labels: 3))"
        == "metrics need one prediction per label, got 2 predictions for 3 labels")
  }
}

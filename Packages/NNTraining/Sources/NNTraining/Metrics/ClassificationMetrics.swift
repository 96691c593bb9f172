import NNCore

/// The scores of a classification: accuracy, the confusion matrix, each class's precision, recall, F1 and
/// support, and their macro and weighted averages (scikit-learn's `classification_report`).
///
/// With `K` classes, per-class scores `mₖ` (``ClassScores``) and supports `sₖ`, `N = Σₖ sₖ`:
///
/// ```
/// accuracy = Σₖ C[k][k] / N                     (0 when N = 0)
/// macro    = (1 / K) · Σₖ mₖ                     every class counts alike, also one without samples
/// weighted = Σₖ sₖ · mₖ / N                      (0 when N = 0)
/// ```
///
/// Each average is taken of the per-class values, the F1 score included (it is not the harmonic mean of the
/// averaged precision and recall); an average's support is `N`.
///
/// ```swift
/// let outputs = try trainer.network.predict(test.features)
/// let metrics = try ClassificationMetrics(outputs: outputs, labels: test.labels!, classCount: 3)
/// print(metrics.accuracy, metrics.macroAverage.f1Score, metrics.confusionMatrix.counts)
/// ```
public struct ClassificationMetrics: Equatable, Sendable {
  /// The counts every score is computed from.
  public let confusionMatrix: ConfusionMatrix
  /// The scores of each class, by class index.
  public let classScores: [ClassScores]
  /// The unweighted mean of the per-class scores over every class.
  public let macroAverage: ClassScores
  /// The mean of the per-class scores weighted by each class's support.
  public let weightedAverage: ClassScores

  /// The fraction of samples predicted correctly, 0 when there are none.
  public var accuracy: Double { confusionMatrix.accuracy }

  /// The number of samples scored.
  public var sampleCount: Int { confusionMatrix.sampleCount }

  /// The scores of a confusion matrix.
  ///
  /// - Parameter confusionMatrix: The counts.
  public init(confusionMatrix: ConfusionMatrix) {
    self.confusionMatrix = confusionMatrix
    let scores = (0..<confusionMatrix.classCount).map { ClassScores(ofClass: $0, in: confusionMatrix) }
    classScores = scores
    let total = scores.reduce(0) { $0 + $1.support }
    func average(_ weight: (ClassScores) -> Double, over denominator: Double) -> ClassScores {
      func mean(_ value: (ClassScores) -> Double) -> Double {
        denominator == 0 ? 0 : scores.reduce(0) { $0 + weight($1) * value($1) } / denominator
      }
      return ClassScores(
        precision: mean(\.precision), recall: mean(\.recall), f1Score: mean(\.f1Score), support: total)
    }
    macroAverage = average({ _ in 1 }, over: Double(scores.count))
    weightedAverage = average({ Double($0.support) }, over: Double(total))
  }

  /// The scores of predicted classes against the true labels.
  ///
  /// - Parameters:
  ///   - predictedClasses: The predicted class of each sample, each in `0..<classCount`.
  ///   - labels: The true class of each sample, each in `0..<classCount`.
  ///   - classCount: The number of classes, at least 1; classes without samples or predictions count too.
  /// - Throws: ``MetricError`` when the lists differ in length or hold an index outside the classes.
  public init(predictedClasses: [Int], labels: [Int], classCount: Int) throws(MetricError) {
    self.init(
      confusionMatrix: try ConfusionMatrix(predictedClasses: predictedClasses, labels: labels, classCount: classCount))
  }

  /// The scores of a model's outputs against the true labels; each sample's predicted class is its largest
  /// output, or for a single output `1` when it is above 0.5 and `0` otherwise.
  ///
  /// - Parameters:
  ///   - outputs: The model's outputs, one sample a row.
  ///   - labels: The true class of each row.
  ///   - classCount: The number of classes; by default the outputs' width, or 2 for a single output.
  /// - Throws: ``MetricError`` when the rows and labels differ in number or a label is outside the classes.
  public init(outputs: Matrix, labels: [Int], classCount: Int? = nil) throws(MetricError) {
    self.init(confusionMatrix: try ConfusionMatrix(outputs: outputs, labels: labels, classCount: classCount))
  }
}

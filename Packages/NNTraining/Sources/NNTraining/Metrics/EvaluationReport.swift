/// A model's scores on a data set, as `nn eval` reports them: the loss and, for classification, accuracy,
/// per-class precision, recall and F1 and the confusion matrix; for regression, MSE, MAE and R².
///
/// Its ``description`` is the text report and its `Encodable` form the JSON object of `nn eval --json`.
///
/// ```swift
/// let (loss, outputs) = try trainer.evaluate(inputs: test.features, targets: test.targets)
/// let metrics = try ClassificationMetrics(outputs: outputs, labels: test.labels!, classCount: 3)
/// let report = try EvaluationReport(data: "iris", loss: loss, classification: metrics, classNames: test.classNames)
/// print(report)
/// ```
public struct EvaluationReport: Equatable, Sendable {
  /// The scores beside the loss.
  public enum Scores: Equatable, Sendable {
    /// The scores of a classification, with the class names by index.
    case classification(ClassificationMetrics, classNames: [String])
    /// The scores of a regression.
    case regression(RegressionMetrics)
  }

  /// The data set's name.
  public let data: String
  /// The model's loss over the data.
  public let loss: Double
  /// The classification or regression scores.
  public let scores: Scores

  /// The number of samples evaluated.
  public var sampleCount: Int {
    switch scores {
    case .classification(let metrics, _): metrics.sampleCount
    case .regression(let metrics): metrics.sampleCount
    }
  }

  /// The report of a classification.
  ///
  /// - Parameters:
  ///   - data: The data set's name.
  ///   - loss: The loss over the data.
  ///   - classification: The scores.
  ///   - classNames: The class names, by index, one per class of the scores.
  /// - Throws: ``MetricError/invalidClasses(problem:)`` when the names and the classes differ in number.
  public init(data: String, loss: Double, classification: ClassificationMetrics, classNames: [String])
    throws(MetricError)
  {
    let classCount = classification.confusionMatrix.classCount
    guard classNames.count == classCount else {
      throw .invalidClasses(problem: "\(classNames.count) class names for \(classCount) classes")
    }
    self.data = data
    self.loss = loss
    scores = .classification(classification, classNames: classNames)
  }

  /// The report of a regression.
  ///
  /// - Parameters:
  ///   - data: The data set's name.
  ///   - loss: The loss over the data.
  ///   - regression: The scores.
  public init(data: String, loss: Double, regression: RegressionMetrics) {
    self.data = data
    self.loss = loss
    scores = .regression(regression)
  }
}

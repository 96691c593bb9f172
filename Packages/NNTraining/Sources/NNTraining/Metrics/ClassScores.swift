/// The precision, recall and F1 score of one class, with its support; also the form of their macro and weighted
/// averages (scikit-learn's `precision_recall_fscore_support`).
///
/// For class `k` of a ``ConfusionMatrix`` `C`, with `TPₖ = C[k][k]`:
///
/// ```
/// precisionₖ = TPₖ / Σᵢ C[i][k]      (0 when the class is never predicted)
/// recallₖ    = TPₖ / Σⱼ C[k][j]      (0 when the class has no samples)
/// F1ₖ        = 2 · precisionₖ · recallₖ / (precisionₖ + recallₖ)      (0 when both are 0)
/// supportₖ   = Σⱼ C[k][j]
/// ```
///
/// The zero cases are scikit-learn's with `zero_division=0`.
public struct ClassScores: Equatable, Sendable {
  /// The correct predictions of the class over all predictions of it.
  public let precision: Double
  /// The correct predictions of the class over its samples.
  public let recall: Double
  /// The harmonic mean of precision and recall.
  public let f1Score: Double
  /// The class's samples (for an average, the samples of every class).
  public let support: Int

  /// Scores of known values.
  ///
  /// - Parameters:
  ///   - precision: The precision.
  ///   - recall: The recall.
  ///   - f1Score: The F1 score.
  ///   - support: The number of samples.
  public init(precision: Double, recall: Double, f1Score: Double, support: Int) {
    self.precision = precision
    self.recall = recall
    self.f1Score = f1Score
    self.support = support
  }

  /// The scores of class `index` of a confusion matrix, by the formulas above.
  ///
  /// - Parameters:
  ///   - index: A class in `0..<confusionMatrix.classCount`.
  ///   - confusionMatrix: The counts.
  public init(ofClass index: Int, in confusionMatrix: ConfusionMatrix) {
    let hits = Double(confusionMatrix.counts[index][index])
    let predictedCount = confusionMatrix.predictionCount(ofClass: index)
    let support = confusionMatrix.support(ofClass: index)
    let precision = predictedCount == 0 ? 0 : hits / Double(predictedCount)
    let recall = support == 0 ? 0 : hits / Double(support)
    let f1Score = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    self.init(precision: precision, recall: recall, f1Score: f1Score, support: support)
  }
}

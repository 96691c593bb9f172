import Foundation

extension EvaluationReport: CustomStringConvertible {
  /// The report as aligned text for people: the data and sample count, the loss, then MSE, MAE and R², or the
  /// accuracy, a table of each class's precision, recall, F1 and support, and the confusion matrix (rows: true
  /// class, columns: predicted class). Numbers have four decimals; no line ends in spaces.
  public var description: String {
    var lines = ["evaluated on \(data): \(sampleCount) samples", "loss \(Self.format(loss))"]
    switch scores {
    case .regression(let metrics):
      lines.append(
        "mse \(Self.format(metrics.meanSquaredError))  mae \(Self.format(metrics.meanAbsoluteError))  "
          + "r2 \(Self.format(metrics.rSquared))")
      return lines.joined(separator: "\n")
    case .classification(let metrics, let classNames):
      lines.append("accuracy \(Self.format(metrics.accuracy))")
      lines += Self.classTable(metrics, classNames: classNames)
      return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(
        separator: "\n")
    }
  }

  /// The per-class table and the confusion matrix, each after a blank line.
  ///
  /// - Parameters:
  ///   - metrics: The scores.
  ///   - classNames: The class names, by index.
  /// - Returns: The lines, not yet trimmed of trailing spaces.
  private static func classTable(_ metrics: ClassificationMetrics, classNames: [String]) -> [String] {
    let nameWidth = max(5, classNames.map(\.count).max() ?? 0)
    func padded(_ text: String, _ width: Int) -> String {
      text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }
    var lines = ["", padded("class", nameWidth) + "  precision  recall    f1        support"]
    for (name, scores) in zip(classNames, metrics.classScores) {
      lines.append(
        padded(name, nameWidth) + "  " + padded(format(scores.precision), 9) + "  "
          + padded(format(scores.recall), 8) + "  " + padded(format(scores.f1Score), 8) + "  \(scores.support)")
    }
    lines.append("")
    lines.append("confusion matrix (rows: true class, columns: predicted class)")
    let cellWidth = max(6, classNames.map(\.count).max() ?? 0)
    lines.append(padded("", nameWidth) + classNames.map { "  " + padded($0, cellWidth) }.joined())
    for (index, row) in metrics.confusionMatrix.counts.enumerated() {
      lines.append(padded(classNames[index], nameWidth) + row.map { "  " + padded(String($0), cellWidth) }.joined())
    }
    return lines
  }

  /// A number with four decimals.
  ///
  /// - Parameter value: The number.
  private static func format(_ value: Double) -> String { String(format: "%.4f", value) }
}

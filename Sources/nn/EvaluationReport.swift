import Foundation
import NNCore
import NNLayers

/// What `nn eval` reports: the loss and, for classification, accuracy, per-class precision, recall and F1 and
/// the confusion matrix; for regression, MSE, MAE and R².
struct EvaluationReport: Encodable {
  /// One class's scores.
  struct ClassScores: Encodable {
    /// The class name.
    let name: String
    /// Correct predictions of the class over all predictions of it (0 when it is never predicted).
    let precision: Double
    /// Correct predictions of the class over its samples (0 when it has none).
    let recall: Double
    /// The harmonic mean of precision and recall (0 when both are 0).
    let f1: Double
    /// The class's samples.
    let support: Int
  }

  /// The data set's name.
  let data: String
  /// Samples evaluated.
  let samples: Int
  /// The model's loss over the data.
  let loss: Double
  /// The fraction predicted correctly (classification).
  let accuracy: Double?
  /// Per-class scores (classification).
  let classes: [ClassScores]?
  /// `confusion[i][j]`: samples of class `i` predicted as class `j` (classification).
  let confusion: [[Int]]?
  /// Mean squared error over every output (regression).
  let meanSquaredError: Double?
  /// Mean absolute error over every output (regression).
  let meanAbsoluteError: Double?
  /// The coefficient of determination, `1 − SS_res / SS_tot`, averaged over the outputs (regression).
  let rSquared: Double?

  private enum CodingKeys: String, CodingKey {
    case data, samples, loss, accuracy, classes, confusion
    case meanSquaredError = "mse"
    case meanAbsoluteError = "mae"
    case rSquared = "r2"
  }

  /// Scores for classification.
  ///
  /// - Parameters:
  ///   - data: The data set's name.
  ///   - loss: The loss over the data.
  ///   - predicted: The predicted class of each sample.
  ///   - labels: The true class of each sample.
  ///   - classNames: The class names, by index.
  init(data: String, loss: Double, predicted: [Int], labels: [Int], classNames: [String]) {
    let count = classNames.count
    var confusion = Array(repeating: Array(repeating: 0, count: count), count: count)
    for (truth, guess) in zip(labels, predicted) { confusion[truth][guess] += 1 }
    let correct = (0..<count).reduce(0) { $0 + confusion[$1][$1] }
    self.data = data
    self.samples = labels.count
    self.loss = loss
    self.accuracy = labels.isEmpty ? 0 : Double(correct) / Double(labels.count)
    self.classes = (0..<count).map { index in
      let hits = Double(confusion[index][index])
      let predictedCount = (0..<count).reduce(0) { $0 + confusion[$1][index] }
      let support = confusion[index].reduce(0, +)
      let precision = predictedCount == 0 ? 0 : hits / Double(predictedCount)
      let recall = support == 0 ? 0 : hits / Double(support)
      let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
      return ClassScores(name: classNames[index], precision: precision, recall: recall, f1: f1, support: support)
    }
    self.confusion = confusion
    meanSquaredError = nil
    meanAbsoluteError = nil
    rSquared = nil
  }

  /// Scores for regression.
  ///
  /// - Parameters:
  ///   - data: The data set's name.
  ///   - loss: The loss over the data.
  ///   - outputs: The network's outputs, one row per sample.
  ///   - targets: The true values, of the same shape.
  init(data: String, loss: Double, outputs: Matrix, targets: Matrix) {
    var squared = 0.0
    var absolute = 0.0
    var rSquaredSum = 0.0
    for column in 0..<targets.columns {
      var mean = 0.0
      for row in 0..<targets.rows { mean += targets[row, column] }
      mean /= Double(max(targets.rows, 1))
      var residual = 0.0
      var total = 0.0
      for row in 0..<targets.rows {
        let error = outputs[row, column] - targets[row, column]
        squared += error * error
        absolute += abs(error)
        residual += error * error
        total += (targets[row, column] - mean) * (targets[row, column] - mean)
      }
      rSquaredSum += total > 0 ? 1 - residual / total : (residual == 0 ? 1 : 0)
    }
    let elements = Double(max(targets.count, 1))
    self.data = data
    self.samples = targets.rows
    self.loss = loss
    accuracy = nil
    classes = nil
    confusion = nil
    meanSquaredError = squared / elements
    meanAbsoluteError = absolute / elements
    rSquared = rSquaredSum / Double(max(targets.columns, 1))
  }

  /// One JSON object on one line.
  func jsonLine() throws -> String {
    return try JSONLine.text(self)
  }

  /// The report as aligned text for people.
  var humanReadable: String {
    var lines = ["evaluated on \(data): \(samples) samples", "loss \(Self.format(loss))"]
    if let meanSquaredError, let meanAbsoluteError, let rSquared {
      lines.append(
        "mse \(Self.format(meanSquaredError))  mae \(Self.format(meanAbsoluteError))  r2 \(Self.format(rSquared))")
    }
    guard let accuracy, let classes, let confusion else { return lines.joined(separator: "\n") }
    lines.append("accuracy \(Self.format(accuracy))")
    let nameWidth = max(5, classes.map(\.name.count).max() ?? 0)
    func padded(_ text: String, _ width: Int) -> String {
      text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }
    lines.append("")
    lines.append(padded("class", nameWidth) + "  precision  recall    f1        support")
    for scores in classes {
      lines.append(
        padded(scores.name, nameWidth) + "  " + padded(Self.format(scores.precision), 9) + "  "
          + padded(Self.format(scores.recall), 8) + "  " + padded(Self.format(scores.f1), 8) + "  \(scores.support)")
    }
    lines.append("")
    lines.append("confusion matrix (rows: true class, columns: predicted class)")
    let cellWidth = max(6, classes.map(\.name.count).max() ?? 0)
    lines.append(padded("", nameWidth) + classes.map { "  " + padded($0.name, cellWidth) }.joined())
    for (index, row) in confusion.enumerated() {
      lines.append(padded(classes[index].name, nameWidth) + row.map { "  " + padded(String($0), cellWidth) }.joined())
    }
    return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(
      separator: "\n")
  }

  private static func format(_ value: Double) -> String { String(format: "%.4f", value) }
}

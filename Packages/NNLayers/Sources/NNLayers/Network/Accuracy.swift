import NNCore

/// Classification accuracy: the fraction of samples whose predicted class is the true one.
public enum Accuracy {
  /// The predicted class of each row: the largest output's index, or for a single output `1` when it is
  /// above `0.5` (a sigmoid probability) and `0` otherwise.
  ///
  /// - Parameter outputs: The network's outputs, one sample a row.
  public static func predictedClasses(_ outputs: Matrix) -> [Int] {
    if outputs.columns == 1 {
      return (0..<outputs.rows).map { outputs[$0, 0] > 0.5 ? 1 : 0 }
    }
    return outputs.argmaxOfRows()
  }

  /// `#{i : predicted(i) = label(i)} / N`.
  ///
  /// - Parameters:
  ///   - outputs: The network's outputs, one sample a row.
  ///   - labels: The true class of each row.
  public static func of(_ outputs: Matrix, labels: [Int]) -> Double {
    precondition(outputs.rows == labels.count, "accuracy: \(outputs.rows) outputs for \(labels.count) labels")
    guard !labels.isEmpty else { return 0 }
    let predicted = predictedClasses(outputs)
    let correct = zip(predicted, labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    return Double(correct) / Double(labels.count)
  }
}

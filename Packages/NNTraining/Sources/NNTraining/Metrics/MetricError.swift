/// Why metrics could not be computed from the arguments given. Each case prints as one line saying what was
/// expected and what was found.
public enum MetricError: Error, Sendable, Equatable {
  /// The predictions and the labels (or the outputs and the targets) count different samples.
  case sampleCountMismatch(predictions: Int, labels: Int)
  /// A class index lies outside `0..<classCount`; `what` names the list (`labels`, `predicted classes`) and
  /// `position` the sample.
  case classOutOfRange(what: String, position: Int, value: Int, classCount: Int)
  /// The outputs and the targets of a regression have different shapes.
  case shapeMismatch(outputs: String, targets: String)
  /// The number of classes is below one, or confusion counts are not a square table of non-negative counts.
  case invalidClasses(problem: String)
}

extension MetricError: CustomStringConvertible {
  /// The error as one line: what was expected and what was found.
  public var description: String {
    switch self {
    case .sampleCountMismatch(let predictions, let labels):
      "metrics need one prediction per label, got \(predictions) predictions for \(labels) labels"
    case .classOutOfRange(let what, let position, let value, let classCount):
      "\(what)[\(position)] is \(value), not a class of 0..<\(classCount)"
    case .shapeMismatch(let outputs, let targets):
      "metrics need outputs of the targets' shape, got outputs of \(outputs) for targets of \(targets)"
    case .invalidClasses(let problem):
      "invalid classes: \(problem)"
    }
  }
}

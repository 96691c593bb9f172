extension EvaluationReport: Encodable {
  private enum CodingKeys: String, CodingKey {
    case data, samples, loss, accuracy, classes, confusion
    case meanSquaredError = "mse"
    case meanAbsoluteError = "mae"
    case rSquared = "r2"
  }

  private enum ClassKeys: String, CodingKey {
    case name, precision, recall, f1, support
  }

  /// Encodes the report as `nn eval --json` prints it: `data`, `samples` and `loss`; then `accuracy`,
  /// `classes` (each `name`, `precision`, `recall`, `f1`, `support`) and `confusion` for a classification, or
  /// `mse`, `mae` and `r2` for a regression.
  ///
  /// - Parameter encoder: The encoder to write to.
  /// - Throws: The encoder's error, such as for a non-finite loss a JSON encoder cannot write.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(data, forKey: .data)
    try container.encode(sampleCount, forKey: .samples)
    try container.encode(loss, forKey: .loss)
    switch scores {
    case .classification(let metrics, let classNames):
      try container.encode(metrics.accuracy, forKey: .accuracy)
      var classes = container.nestedUnkeyedContainer(forKey: .classes)
      for (name, scores) in zip(classNames, metrics.classScores) {
        var entry = classes.nestedContainer(keyedBy: ClassKeys.self)
        try entry.encode(name, forKey: .name)
        try entry.encode(scores.precision, forKey: .precision)
        try entry.encode(scores.recall, forKey: .recall)
        try entry.encode(scores.f1Score, forKey: .f1)
        try entry.encode(scores.support, forKey: .support)
      }
      try container.encode(metrics.confusionMatrix.counts, forKey: .confusion)
    case .regression(let metrics):
      try container.encode(metrics.meanSquaredError, forKey: .meanSquaredError)
      try container.encode(metrics.meanAbsoluteError, forKey: .meanAbsoluteError)
      try container.encode(metrics.rSquared, forKey: .rSquared)
    }
  }
}

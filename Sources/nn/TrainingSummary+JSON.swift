import NNTraining

extension TrainingSummary {
  /// The summary as one line of JSON with sorted keys.
  func jsonLine() throws -> String {
    try JSONLine.text(self, nonFiniteAsText: true)
  }
}

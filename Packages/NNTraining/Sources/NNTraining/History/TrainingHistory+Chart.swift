extension TrainingHistory {
  /// The chart of the history: the loss and, when any entry has an accuracy, the accuracy against the
  /// position (epoch or iteration, as ``unit`` says); training lines solid and named "training", validation
  /// lines dashed and named "validation". A line with no value in any entry is left out.
  ///
  /// - Parameter title: The title above the chart, e.g. "4-12-6-3 on iris".
  /// - Returns: The chart; ``TrainingChart/svg()`` writes it.
  public func chart(title: String) -> TrainingChart {
    func series(_ name: String, dashed: Bool, _ value: (Entry) -> Double?) -> ChartSeries? {
      let points = entries.compactMap { entry in value(entry).map { ChartPoint(x: Double(entry.position), y: $0) } }
      return points.isEmpty ? nil : ChartSeries(name: name, points: points, isDashed: dashed)
    }
    let loss = [
      series("training", dashed: false) { $0.trainingLoss },
      series("validation", dashed: true) { $0.validationLoss },
    ]
    let accuracy = [
      series("training", dashed: false) { $0.trainingAccuracy },
      series("validation", dashed: true) { $0.validationAccuracy },
    ]
    return TrainingChart(
      title: title, xAxisLabel: unit.rawValue, loss: loss.compactMap { $0 }, accuracy: accuracy.compactMap { $0 })
  }
}

import NNTraining

extension TrainingSummary {
  /// The chart of the run for `--plot`: the loss and, for classification, the accuracy against the epoch (or the
  /// iteration, for runs shorter than two epochs); training lines solid, validation lines dashed.
  var chart: TrainingChart {
    let entries = history.entries
    func series(_ name: String, dashed: Bool, _ value: (TrainingHistory.Entry) -> Double?) -> ChartSeries? {
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
      title: "\(network) on \(data)", xAxisLabel: history.unit.rawValue, loss: loss.compactMap { $0 },
      accuracy: accuracy.compactMap { $0 })
  }
}

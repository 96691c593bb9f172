import NNTraining

extension TrainingSummary {
  /// The chart of the run for `--plot`: the history's chart titled with the network and the data,
  /// "4-12-6-3 on iris".
  var chart: TrainingChart { history.chart(title: "\(network) on \(data)") }
}

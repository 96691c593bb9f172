extension TrainingChart {
  /// The shared x axis over every point of every series; integer ticks when every x is a whole number
  /// (epochs, iterations).
  var xAxis: ChartAxis {
    let values = (loss + accuracy).flatMap { $0.points.map(\.x) }.filter(\.isFinite)
    let integral = values.allSatisfy { $0 == $0.rounded() }
    return .linear(covering: values, targetTickCount: 8, integral: integral)
  }

  /// The loss axis: logarithmic, with a tick per decade, when the positive losses span more than two decades,
  /// linear otherwise.
  var lossAxis: ChartAxis {
    let values = loss.flatMap { $0.points.map(\.y) }
    return ChartAxis.spansManyDecades(values) ? .logarithmic(covering: values) : .linear(covering: values)
  }

  /// The loss axis label, with " (log scale)" when the axis is logarithmic.
  var lossAxisTitle: String {
    lossAxis.scale == .logarithmic ? lossAxisLabel + " (log scale)" : lossAxisLabel
  }

  /// The accuracy axis, labelled in percent: from 0 when some accuracy is below 50%, otherwise a nice
  /// range at least 10 points tall, centred on values closer than that; never past 0…1 for values within it.
  var accuracyAxis: ChartAxis {
    let values = accuracy.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
    guard let low = values.min(), let high = values.max() else {
      return .linear(covering: [0, 1], format: .percent, limits: 0...1)
    }
    var covered = [low, high]
    if low >= 0 && low < 0.5 { covered.append(0) }
    if high - low < 0.1 { covered += [max((low + high) / 2 - 0.05, 0), min((low + high) / 2 + 0.05, 1)] }
    if high <= 1 && low >= 0 && high > 0.9 { covered.append(1) }
    return .linear(covering: covered, format: .percent, limits: 0...1)
  }
}

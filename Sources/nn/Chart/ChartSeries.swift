/// One line of a chart.
struct ChartSeries: Equatable {
  /// Legend text, e.g. "training", "validation"; series of the same name share a colour in every panel.
  var name: String
  /// The points, x ascending; points with a non-finite coordinate are skipped and break the line.
  var points: [ChartPoint]
  /// Whether the line is drawn dashed (validation lines are).
  var isDashed: Bool = false
}

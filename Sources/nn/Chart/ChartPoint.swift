/// One data point of a chart line, in data units (not pixels).
struct ChartPoint: Equatable {
  /// The position along the shared x axis, e.g. the epoch.
  var x: Double
  /// The value, e.g. the loss; a non-finite value breaks the line there.
  var y: Double
}

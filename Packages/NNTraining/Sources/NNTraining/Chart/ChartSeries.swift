/// One line of a chart.
public struct ChartSeries: Equatable, Sendable {
  /// Legend text, e.g. "training", "validation"; series of the same name share a colour in every panel.
  public var name: String
  /// The points, x ascending; points with a non-finite coordinate are skipped and break the line.
  public var points: [ChartPoint]
  /// Whether the line is drawn dashed (validation lines are).
  public var isDashed: Bool

  /// A line named `name` through `points`.
  ///
  /// - Parameters:
  ///   - name: The legend text; series of the same name share a colour and one legend entry.
  ///   - points: The points, x ascending; a point with a non-finite coordinate breaks the line.
  ///   - isDashed: Whether the line is drawn dashed (validation lines are).
  public init(name: String, points: [ChartPoint], isDashed: Bool = false) {
    self.name = name
    self.points = points
    self.isDashed = isDashed
  }
}

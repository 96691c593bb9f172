/// One data point of a chart line, in data units (not pixels).
public struct ChartPoint: Equatable, Sendable {
  /// The position along the shared x axis, e.g. the epoch.
  public var x: Double
  /// The value, e.g. the loss; a non-finite value breaks the line there.
  public var y: Double

  /// A point at `(x, y)` in data units.
  ///
  /// - Parameters:
  ///   - x: The position along the x axis, e.g. the epoch.
  ///   - y: The value, e.g. the loss; a non-finite value breaks the line there.
  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }
}

/// A rectangle in SVG user units, y growing downwards.
struct ChartRect: Equatable {
  /// The left edge.
  var x: Double
  /// The top edge.
  var y: Double
  /// The width.
  var width: Double
  /// The height.
  var height: Double

  /// The right edge.
  var right: Double { x + width }
  /// The bottom edge.
  var bottom: Double { y + height }

  /// The pixel at the given fractions of the width (from the left) and of the height (from the bottom):
  /// `(x + fx · width, bottom − fy · height)`.
  ///
  /// - Parameters:
  ///   - horizontal: The fraction of the width, from the left edge.
  ///   - vertical: The fraction of the height, from the bottom edge.
  func point(horizontal: Double, vertical: Double) -> (x: Double, y: Double) {
    (x + horizontal * width, bottom - vertical * height)
  }
}

import Foundation

/// One axis of a chart: its range in data units, its scale, and its labelled ticks.
struct ChartAxis: Equatable {
  /// How values are spaced along the axis.
  enum Scale: Equatable {
    /// Equal differences are equal distances.
    case linear
    /// Equal ratios are equal distances; only positive values can be shown.
    case logarithmic
  }

  /// One labelled tick.
  struct Tick: Equatable {
    /// The tick's position in data units.
    var value: Double
    /// The text written beside it.
    var label: String
  }

  /// How values are spaced.
  var scale: Scale
  /// The value at the start of the axis (left or bottom).
  var lower: Double
  /// The value at the end of the axis (right or top).
  var upper: Double
  /// The ticks, ascending, all within `lower...upper`.
  var ticks: [Tick]

  /// Where `value` lies along the axis, `0` at `lower` and `1` at `upper`:
  /// `(v − lower) / (upper − lower)`, or the same of `log10` on a logarithmic axis.
  /// Nil for a value that cannot be drawn (not finite, or not positive on a logarithmic axis).
  ///
  /// - Parameters:
  ///   - value: A value in data units.
  func fraction(of value: Double) -> Double? {
    guard value.isFinite else { return nil }
    switch scale {
    case .linear:
      return (value - lower) / (upper - lower)
    case .logarithmic:
      guard value > 0 else { return nil }
      return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
    }
  }
}

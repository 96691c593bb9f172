import Foundation

extension ChartAxis {
  /// Whether the positive finite `values` span more than two decades (largest / smallest > 100),
  /// the point where a logarithmic axis shows them better than a linear one.
  ///
  /// - Parameters:
  ///   - values: The values to be drawn.
  static func spansManyDecades(_ values: [Double]) -> Bool {
    let positive = values.filter { $0.isFinite && $0 > 0 }
    guard let low = positive.min(), let high = positive.max() else { return false }
    return high / low > 100
  }

  /// A logarithmic axis over the positive `values` with a tick at every decade inside it (every second or
  /// more decade when there are many).
  ///
  /// The axis runs from the smallest to the largest value with 3% of the span as margin at each end; an end
  /// within 0.3 decade of the next decade is stretched to it, and when fewer than two decades would fall
  /// inside, the axis runs from the decade at or below the smallest value to the decade at or above the largest.
  ///
  /// - Parameters:
  ///   - values: The values to cover; non-finite and non-positive ones are ignored.
  ///   - maximumTickCount: The most ticks wanted.
  static func logarithmic(covering values: [Double], maximumTickCount: Int = 7) -> ChartAxis {
    let positive = values.filter { $0.isFinite && $0 > 0 }
    guard let low = positive.min(), let high = positive.max() else {
      return ChartAxis(scale: .logarithmic, lower: 0.1, upper: 10, ticks: [-1, 0, 1].map(decadeTick))
    }
    let lowLog = log10(low)
    let highLog = log10(high)
    let margin = max((highLog - lowLog) * 0.03, 0.02)
    var lowerLog = lowLog - margin
    var upperLog = highLog + margin
    if lowerLog - floor(lowerLog) < 0.3 { lowerLog = floor(lowerLog) }
    if ceil(upperLog) - upperLog < 0.3 { upperLog = ceil(upperLog) }
    var first = Int(ceil(lowerLog - 1e-9))
    var last = Int(floor(upperLog + 1e-9))
    if last - first < 1 {
      first = Int(floor(lowLog + 1e-9))
      last = max(Int(ceil(highLog - 1e-9)), first + 1)
      lowerLog = Double(first)
      upperLog = Double(last)
    }
    let stride = max(1, Int(ceil(Double(last - first) / Double(max(maximumTickCount - 1, 1)))))
    let ticks = Swift.stride(from: first, through: last, by: stride).map(decadeTick)
    return ChartAxis(
      scale: .logarithmic, lower: power(lowerLog, decade: first), upper: power(upperLog, decade: last), ticks: ticks)
  }

  /// `10^exponent`, exactly the decade's value when the exponent is that whole decade.
  ///
  /// - Parameters:
  ///   - exponent: The power of ten.
  ///   - decade: The nearest whole decade inside the axis.
  private static func power(_ exponent: Double, decade: Int) -> Double {
    exponent == Double(decade) ? NiceStep.power(decade) : pow(10, exponent)
  }

  /// The tick at `10^exponent`.
  ///
  /// - Parameters:
  ///   - exponent: The power of ten.
  private static func decadeTick(_ exponent: Int) -> Tick {
    Tick(value: NiceStep.power(exponent), label: ChartTickFormat.decade(exponent))
  }
}

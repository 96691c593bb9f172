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

  /// A logarithmic axis from the decade at or below the smallest positive value to the decade at or above
  /// the largest, with a tick at every decade (every second or more decade when there are many).
  ///
  /// - Parameters:
  ///   - values: The values to cover; non-finite and non-positive ones are ignored.
  ///   - maximumTickCount: The most ticks wanted.
  static func logarithmic(covering values: [Double], maximumTickCount: Int = 7) -> ChartAxis {
    let positive = values.filter { $0.isFinite && $0 > 0 }
    guard let low = positive.min(), let high = positive.max() else {
      return ChartAxis(scale: .logarithmic, lower: 0.1, upper: 10, ticks: [-1, 0, 1].map(decadeTick))
    }
    let first = Int(floor(log10(low) + 1e-9))
    var last = Int(ceil(log10(high) - 1e-9))
    if last == first { last += 1 }
    let stride = max(1, Int(ceil(Double(last - first) / Double(max(maximumTickCount - 1, 1)))))
    last = first + Int(ceil(Double(last - first) / Double(stride))) * stride
    let ticks = Swift.stride(from: first, through: last, by: stride).map(decadeTick)
    return ChartAxis(scale: .logarithmic, lower: NiceStep.power(first), upper: NiceStep.power(last), ticks: ticks)
  }

  /// The tick at `10^exponent`.
  ///
  /// - Parameters:
  ///   - exponent: The power of ten.
  private static func decadeTick(_ exponent: Int) -> Tick {
    Tick(value: NiceStep.power(exponent), label: ChartTickFormat.decade(exponent))
  }
}

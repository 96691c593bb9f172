import Foundation

extension ChartAxis {
  /// A linear axis over `values`, widened to nice ticks (1, 2 or 5 · 10^k apart) at both ends.
  ///
  /// No finite value gives `0...1`; a single value is widened by a tenth of itself (or by 1 at zero).
  ///
  /// - Parameters:
  ///   - values: The values to cover; non-finite ones are ignored.
  ///   - targetTickCount: About how many ticks are wanted.
  ///   - integral: Whether ticks must be integers (an epoch or iteration axis): steps are then at least 1.
  ///   - format: How tick labels are written.
  ///   - limits: Bounds the axis never goes past, when the values lie within them (0...1 for accuracy).
  static func linear(
    covering values: [Double], targetTickCount: Int = 5, integral: Bool = false, format: ChartTickFormat = .number,
    limits: ClosedRange<Double>? = nil
  ) -> ChartAxis {
    let finite = values.filter(\.isFinite)
    guard var low = finite.min(), var high = finite.max() else {
      return linear(from: 0, to: 1, targetTickCount: targetTickCount, integral: false, format: format, limits: nil)
    }
    let magnitude = max(abs(low), abs(high))
    if high - low <= magnitude * 1e-9 {
      let widening = magnitude > 0 ? magnitude / 10 : 1
      low -= integral ? max(widening, 1) : widening
      high += integral ? max(widening, 1) : widening
    }
    let applicable = limits.flatMap { $0.contains(finite.min()!) && $0.contains(finite.max()!) ? $0 : nil }
    if let applicable {
      low = max(low, applicable.lowerBound)
      high = min(high, applicable.upperBound)
    }
    return linear(
      from: low, to: high, targetTickCount: targetTickCount, integral: integral, format: format,
      limits: applicable)
  }

  /// A linear axis from the nice tick at or below `low` to the one at or above `high`.
  ///
  /// - Parameters:
  ///   - low: The smallest value to cover, below `high`.
  ///   - high: The largest value to cover.
  ///   - targetTickCount: About how many ticks are wanted.
  ///   - integral: Whether steps are at least 1.
  ///   - format: How tick labels are written.
  ///   - limits: Bounds the ticks are clipped to.
  private static func linear(
    from low: Double, to high: Double, targetTickCount: Int, integral: Bool, format: ChartTickFormat,
    limits: ClosedRange<Double>?
  ) -> ChartAxis {
    let intervals = Double(max(targetTickCount - 1, 1))
    var step = NiceStep(nearest: high / intervals - low / intervals)
    if integral && step.exponent < 0 { step = NiceStep(mantissa: 1, exponent: 0) }
    let lowSteps = low / step.size
    let highSteps = high / step.size
    guard abs(lowSteps) < 1e12, abs(highSteps) < 1e12, highSteps - lowSteps < 1e4 else {
      return ChartAxis(scale: .linear, lower: low, upper: high, ticks: [])
    }
    let first = Int(floor(lowSteps + 1e-9))
    let last = Int(ceil(highSteps - 1e-9))
    let largest = max(abs(step.multiple(first)), abs(step.multiple(last)))
    var ticks = (first...last).map {
      Tick(value: step.multiple($0), label: format.label(step.multiple($0), step: step, largest: largest))
    }
    if let limits { ticks.removeAll { !limits.contains($0.value) } }
    ticks.removeAll { !$0.value.isFinite }
    guard let lowest = ticks.first?.value, let highest = ticks.last?.value, lowest < highest else {
      return ChartAxis(scale: .linear, lower: low, upper: high, ticks: ticks)
    }
    return ChartAxis(scale: .linear, lower: min(lowest, low), upper: max(highest, high), ticks: ticks)
  }
}

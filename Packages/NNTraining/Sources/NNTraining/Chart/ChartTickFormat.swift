import Foundation

/// How the tick labels of an axis are written.
enum ChartTickFormat: Equatable {
  /// Plain numbers with as many decimals as the step needs: `0.2`, `150`, `20k`, `1.5M`, `2e-5`.
  case number
  /// Fractions written as percentages: `0.95` is `95%`.
  case percent

  /// The label of a tick at `value` on an axis whose ticks are `step` apart.
  ///
  /// - Parameters:
  ///   - value: The tick's value, a multiple of `step`.
  ///   - step: The distance between ticks.
  ///   - largest: The largest magnitude of any tick on the axis, which chooses thousands for every label.
  func label(_ value: Double, step: NiceStep, largest: Double) -> String {
    switch self {
    case .number: return Self.number(value, step: step, largest: largest)
    case .percent: return Self.fixed(value * 100, decimals: max(0, -(step.exponent + 2))) + "%"
    }
  }

  /// A compact label for a number on a linear axis: on an axis reaching 10 000 or more, every label is in
  /// thousands (`5k`, `10k`), or millions from a million up (`800k`, `1M`).
  ///
  /// - Parameters:
  ///   - value: The tick's value.
  ///   - step: The distance between ticks, which sets the decimals.
  ///   - largest: The largest magnitude of any tick on the axis (`abs(value)` when unknown).
  static func number(_ value: Double, step: NiceStep, largest: Double) -> String {
    if largest >= 1e4 && step.exponent >= 2 {
      if value == 0 { return "0" }
      if abs(value) >= 1e6 && step.exponent >= 4 {
        return trimmed(fixed(value / 1e6, decimals: max(0, 6 - step.exponent))) + "M"
      }
      return trimmed(fixed(value / 1e3, decimals: max(0, 3 - step.exponent))) + "k"
    }
    if step.exponent < -6 || step.exponent > 6 {
      return scientific(value, step: step, largest: largest)
    }
    return fixed(value, decimals: max(0, -step.exponent))
  }

  /// The label of the decade `10^exponent` on a logarithmic axis: `0.001`, `1`, `1000`, `1e-4`, `1e5`.
  ///
  /// - Parameters:
  ///   - exponent: The power of ten.
  static func decade(_ exponent: Int) -> String {
    if (-3...3).contains(exponent) { return fixed(NiceStep.power(exponent), decimals: max(0, -exponent)) }
    return "1e\(exponent)"
  }

  /// `value` with exactly `decimals` decimals, never `-0`.
  ///
  /// - Parameters:
  ///   - value: The number.
  ///   - decimals: How many digits after the point.
  static func fixed(_ value: Double, decimals: Int) -> String {
    let text = String(format: "%.\(decimals)f", value)
    let isZero = text.allSatisfy { "-0.".contains($0) }
    return isZero ? String(text.drop { $0 == "-" }) : text
  }

  /// `text` without trailing zeros after its decimal point (nor the point itself): `1.20` is `1.2`, `1.0` is `1`.
  ///
  /// - Parameters:
  ///   - text: A number written with a decimal point or none.
  static func trimmed(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var result = Substring(text)
    while result.last == "0" { result = result.dropLast() }
    if result.last == "." { result = result.dropLast() }
    return String(result)
  }

  /// `value` in short scientific notation with just the digits the step needs: `2e-7`, `1.5e-6`, `3e8`.
  ///
  /// - Parameters:
  ///   - value: The number.
  ///   - step: The distance between ticks.
  ///   - largest: The largest magnitude of any tick on the axis.
  static func scientific(_ value: Double, step: NiceStep, largest: Double) -> String {
    if value == 0 { return "0" }
    let leading = largest > 0 ? Int(floor(log10(largest))) : step.exponent
    let text = String(format: "%.\(max(0, leading - step.exponent))e", value)
    guard let marker = text.firstIndex(of: "e") else { return text }
    let exponent = Int(text[text.index(after: marker)...]) ?? 0
    return trimmed(String(text[..<marker])) + "e\(exponent)"
  }
}

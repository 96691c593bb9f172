import Foundation

/// A "nice" distance between axis ticks: `mantissa · 10^exponent` with a mantissa of 1, 2 or 5.
struct NiceStep: Equatable {
  /// 1, 2 or 5.
  var mantissa: Int
  /// The power of ten.
  var exponent: Int

  /// The step as a number.
  var size: Double { multiple(1) }

  /// The nice step nearest to `rough` on a logarithmic scale (1, 2, 5, 10, 20, ...).
  ///
  /// - Parameters:
  ///   - rough: The wanted step, positive and finite.
  init(nearest rough: Double) {
    let exponent = Int(floor(log10(rough)))
    let scaled = rough / Self.power(exponent)
    let candidates: [(mantissa: Int, exponent: Int)] = [(1, exponent), (2, exponent), (5, exponent), (1, exponent + 1)]
    let best = candidates.min { first, second in
      let firstValue = Double(first.mantissa) * (first.exponent > exponent ? 10 : 1)
      let secondValue = Double(second.mantissa) * (second.exponent > exponent ? 10 : 1)
      return abs(log(firstValue / scaled)) < abs(log(secondValue / scaled))
    }!
    self.init(mantissa: best.mantissa, exponent: best.exponent)
  }

  /// A step of `mantissa · 10^exponent`.
  ///
  /// - Parameters:
  ///   - mantissa: 1, 2 or 5.
  ///   - exponent: The power of ten.
  init(mantissa: Int, exponent: Int) {
    self.mantissa = mantissa
    self.exponent = exponent
  }

  /// `count` steps, `count · mantissa · 10^exponent`, rounded once from the exact decimal, so that
  /// three steps of 0.1 are `0.3`, not `0.30000000000000004`.
  ///
  /// - Parameters:
  ///   - count: The number of steps, possibly negative.
  func multiple(_ count: Int) -> Double {
    let integer = Double(count * mantissa)
    return exponent >= 0 ? integer * Self.power(exponent) : integer / Self.power(-exponent)
  }

  /// `10^exponent` (exact for exponents up to 22).
  ///
  /// - Parameters:
  ///   - exponent: The power of ten.
  static func power(_ exponent: Int) -> Double {
    exponent >= 0 ? pow(10, Double(exponent)) : 1 / pow(10, Double(-exponent))
  }
}

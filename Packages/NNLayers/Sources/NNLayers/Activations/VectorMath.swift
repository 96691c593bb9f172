import Foundation

/// Exponential and hyperbolic tangent over `SIMD8<Double>` lanes, for activations and losses.
///
/// libm evaluates one element a call; these evaluate eight at once with the same accuracy (a few ulps), which
/// is what makes elementwise activations cheap on small networks.
public enum VectorMath {
  /// `e^x` for one value (libm).
  @inlinable public static func exp(_ x: Double) -> Double { Foundation.exp(x) }

  /// `tanh(x)` for one value (libm).
  @inlinable public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }

  /// `e^x` in eight lanes, relative error about 2e-16.
  ///
  /// Range reduction `x = n·ln 2 + r` with `|r| ≤ ln 2 / 2` (Cody–Waite: `ln 2` split in a high part exact
  /// in products with `n` and a low part), `e^r` by its degree-13 Taylor polynomial (truncation error below
  /// 1e-17), and `2ⁿ` built from exponent bits in two factors so that results down to the subnormals are
  /// right. `e^x` is `+∞` above 709.78, `0` below −745.13, and NaN for NaN. The Horner steps and the rounding
  /// of `x / ln 2` are fused multiply-adds (one rounding each, and half the dependent instructions); the
  /// function is always inlined, so loops over lanes keep their registers and overlap the evaluations.
  ///
  /// - Parameter x: The exponents.
  @inline(__always) @inlinable public static func exp(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let clamped = x.replacing(with: 710, where: x .> 710).replacing(with: -746, where: x .< -746)
    let shift = SIMD8<Double>(repeating: 6_755_399_441_055_744.0)  // 1.5 · 2^52: rounds to an integer
    let shifted = shift.addingProduct(clamped, SIMD8<Double>(repeating: 1.442_695_040_888_963_4))
    let n = shifted - shift
    let r = (clamped - n * 6.931_471_803_691_238_164_90e-01) - n * 1.908_214_929_270_587_700_02e-10
    var p = SIMD8<Double>(repeating: 1.0 / 6_227_020_800.0)  // 1/13!
    p = SIMD8<Double>(repeating: 1.0 / 479_001_600.0).addingProduct(p, r)  // 1/12! + p·r, one rounding
    p = SIMD8<Double>(repeating: 1.0 / 39_916_800.0).addingProduct(p, r)
    p = SIMD8<Double>(repeating: 1.0 / 3_628_800.0).addingProduct(p, r)
    p = SIMD8<Double>(repeating: 1.0 / 362_880.0).addingProduct(p, r)
    p = SIMD8<Double>(repeating: 1.0 / 40_320.0).addingProduct(p, r)
    p = SIMD8<Double>(repeating: 1.0 / 5_040.0).addingProduct(p, r)
    p = SIMD8<Double>(repeating: 1.0 / 720.0).addingProduct(p, r)
    p = SIMD8<Double>(repeating: 1.0 / 120.0).addingProduct(p, r)
    p = SIMD8<Double>(repeating: 1.0 / 24.0).addingProduct(p, r)
    p = SIMD8<Double>(repeating: 1.0 / 6.0).addingProduct(p, r)
    p = SIMD8<Double>(repeating: 0.5).addingProduct(p, r)
    p = SIMD8<Double>(repeating: 1.0).addingProduct(p, r)
    p = SIMD8<Double>(repeating: 1.0).addingProduct(p, r)
    let exponent =
      unsafeBitCast(shifted, to: SIMD8<Int64>.self) &- Int64(bitPattern: 6_755_399_441_055_744.0.bitPattern)
    let half = exponent &>> 1
    let rest = exponent &- half
    let firstScale = unsafeBitCast((half &+ 1023) &<< 52, to: SIMD8<Double>.self)
    let secondScale = unsafeBitCast((rest &+ 1023) &<< 52, to: SIMD8<Double>.self)
    let result = p * firstScale * secondScale
    return result.replacing(with: .infinity, where: x .> 709.782_712_893_384)
      .replacing(with: 0, where: x .< -745.133_219_101_941_2)
  }

  /// `tanh(x)` in eight lanes: `sign(x) · (1 − e^(−2|x|)) / (1 + e^(−2|x|))`, and libm's `tanh` in the lanes
  /// where `|x| < 0.5` (there the subtraction would lose digits).
  ///
  /// - Parameter x: The arguments.
  @inlinable public static func tanh(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let negative = x .< 0
    let magnitude = x.replacing(with: -x, where: negative)
    let decay = exp(-2 * magnitude)
    var result = (1 - decay) / (1 + decay)
    result = result.replacing(with: -result, where: negative)
    let small = magnitude .< 0.5
    if any(small) {
      for lane in 0..<8 where small[lane] { result[lane] = Foundation.tanh(x[lane]) }
    }
    return result
  }
}

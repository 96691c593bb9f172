import Foundation

/// The vectorised exponential for component authors: `e^x` over `SIMD8<Double>` lanes, as accurate as libm.
///
/// libm evaluates one element a call; ``exp(_:)-(SIMD8<Double>)`` evaluates eight at once with the same accuracy
/// (a few ulps), which is what makes elementwise activations cheap on small networks. An
/// ``ElementwiseActivation`` built on `e^x` calls it in its eight-lane forms:
///
/// ```swift
/// public func value(_ x: SIMD8<Double>) -> SIMD8<Double> { x / (1 + VectorMath.exp(-beta * x)) }
/// ```
///
/// ``exp(_:)-(Double)`` is the scalar form, for the scalar `value(_:)`; the form taking ``Lanes`` evaluates several
/// vectors side by side, for an activation's interleaved form `value(_:)` on ``Lanes``.
public enum VectorMath {
  /// `e^x` for one value (libm).
  @inlinable public static func exp(_ x: Double) -> Double { Foundation.exp(x) }

  /// `tanh(x)` for one value (libm).
  @inlinable static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }

  /// Several lane vectors evaluated side by side: the functions taking them interleave the vectors' evaluations
  /// instruction by instruction, so that their chains of dependent instructions overlap in the core instead of
  /// waiting for each other.
  public typealias Lanes<let count: Int> = InlineArray<count, SIMD8<Double>>

  /// `e^x` in eight lanes, relative error about 2e-16: the `count`-vector form of one vector.
  ///
  /// - Parameter x: The exponents.
  @inline(__always) @inlinable public static func exp(_ x: SIMD8<Double>) -> SIMD8<Double> {
    exp(Lanes<1>(repeating: x))[0]
  }

  /// `e^x` in `count` lane vectors, relative error about 2e-16.
  ///
  /// Range reduction `x = n·ln 2 + r` with `|r| ≤ ln 2 / 2`, `e^r` by a polynomial of degree 11, and `2ⁿ` built from exponent bits in two factors so that results down to the
  /// subnormals are right. `e^x` is `+∞` above 709.78, `0` below −745.13, and NaN for NaN. The function is
  /// always inlined, so loops over lanes keep their registers and overlap the evaluations.
  ///
  /// - Parameter x: The exponents.
  @inline(__always) @inlinable public static func exp<let count: Int>(_ x: Lanes<count>) -> Lanes<count> {
    var clamped = x
    for index in 0..<count {
      clamped[index] = x[index].replacing(with: 710, where: x[index] .> 710)
        .replacing(with: -746, where: x[index] .< -746)
    }
    let (shifted, reduced) = reduce(clamped, negated: false)
    let power = exponentialPolynomial(reduced)
    var result = x
    for index in 0..<count {
      let exponent = unsafeBitCast(shifted[index], to: SIMD8<Int64>.self) &- roundingShiftBits
      let half = exponent &>> 1
      let rest = exponent &- half
      let firstScale = unsafeBitCast((half &+ 1023) &<< 52, to: SIMD8<Double>.self)
      let secondScale = unsafeBitCast((rest &+ 1023) &<< 52, to: SIMD8<Double>.self)
      result[index] = (power[index] * firstScale * secondScale)
        .replacing(with: .infinity, where: x[index] .> 709.782_712_893_384)
        .replacing(with: 0, where: x[index] .< -745.133_219_101_941_2)
    }
    return result
  }

  /// The logistic function `σ(x) = 1 / (1 + e^(−x))` in eight lanes: the `count`-vector form of one vector.
  ///
  /// - Parameter x: The arguments.
  @inline(__always) @inlinable static func logistic(_ x: SIMD8<Double>) -> SIMD8<Double> {
    logistic(Lanes<1>(repeating: x))[0]
  }

  /// The logistic function `σ(x) = 1 / (1 + e^(−x))` in `count` lane vectors, relative error below 4e-16.
  ///
  /// With `−x = n·ln 2 + r` (`reduce(_:negated:bias:)`, `|r| ≤ ln 2 / 2`) and `e^r` by a rational approximation
  /// `(E + r·O) / (E − r·O)` (`logisticRationalTerms(_:)`), σ is one quotient:
  /// ```
  /// σ(x) = 1 / (1 + 2ⁿ·(E + r·O) / (E − r·O)) = (E − r·O) / ((E − r·O) + 2ⁿ·(E + r·O))
  /// ```
  /// so the division that σ needs anyway also divides out the approximation, and `E`, `O` (polynomials in `r²`)
  /// take three multiply-adds and an addition where a polynomial for `e^r` took eleven multiply-adds. The
  /// approximation's own error is below 1.4e-18 on the reduced range; the roundings bring σ to 3.3e-16 at worst
  /// (against 120-bit arithmetic, a million arguments over `[−40, 40]` and a million over `[−700, 700]`). `r·O` is one
  /// product, added to and subtracted from `E`: the additions run beside the multiply-adds.
  ///
  /// Every vector instruction counts here: the function is bound by the core's issue of vector operations, not by the
  /// division, and each operation taken out of a vector's evaluation saved about 6% of its time (a pass over 96 vectors
  /// timed alone: 7.9, 7.45 and 7.05 cycles a vector with five, four and three multiply-adds). On iris (4-12-6-3
  /// sigmoid, batch 64, one thread, medians of 7 to 11 interleaved runs): a polynomial for `e^r` and a division, 38.5 M
  /// samples/s; the degree-6 Padé approximant (five multiply-adds), 41.8 M; `r·O` as one product rather than two
  /// multiply-adds, 1.8% faster; this approximation, 1.7% faster again.
  ///
  /// `x` is clamped to `[−710, 708]` so that `2ⁿ` is one factor built from exponent bits: beyond 708, `e^(−x) <
  /// 2⁻¹⁰²¹` and σ is 1 anyway; below −709.4, `2ⁿ` is `+∞` and σ is 0 (the exact value is then subnormal, under
  /// 1.1e-308). NaN gives NaN.
  ///
  /// - Parameter x: The arguments.
  @inline(__always) @inlinable static func logistic<let count: Int>(_ x: Lanes<count>) -> Lanes<count> {
    var clamped = x
    for index in 0..<count {
      let below = x[index].replacing(with: 708, where: x[index] .> 708)
      clamped[index] = below.replacing(with: -710, where: below .< -710)
    }
    // `reduced` is −r = x + n·ln 2.
    let (shifted, reduced) = reduce(clamped, negated: true, bias: 1023)
    let (even, odd) = logisticRationalTerms(reduced)
    var result = x
    for index in 0..<count {
      // E − r·O and E + r·O, with −r in `reduced`.
      let product = reduced[index] * odd[index]
      let numerator = even[index] + product
      let conjugate = even[index] - product
      // 2ⁿ: n + 1023 sits in the low bits of `shifted`, and one shift moves it to the exponent field (n = 1024 gives
      // +∞), pushing the rest of `shifted` out.
      let scale = unsafeBitCast(unsafeBitCast(shifted[index], to: SIMD8<Int64>.self) &<< 52, to: SIMD8<Double>.self)
      result[index] = numerator / numerator.addingProduct(scale, conjugate)
    }
    return result
  }

  /// The even and odd parts of a rational approximation of `e^r` on `|r| ≤ ln 2 / 2`,
  /// `e^r ≈ (E + r·O) / (E − r·O)`, as polynomials in `s = r²`:
  /// ```
  /// E(s) = (s + a)·s + b        O(s) = (c₂·s + c₁)·s + c₀
  /// a = 112.032…,  b = 1008.316…,  c₂ = 0.0333…,  c₁ = 14.003…,  c₀ = 504.158…
  /// ```
  /// The form is exact in one respect: `(E + r·O) / (E − r·O)` times the same form at `−r` is 1, as
  /// `e^r · e^(−r)` is, because `r·O / E` approximates `tanh(r/2)` (`e^r = (1 + tanh(r/2)) / (1 − tanh(r/2))`).
  /// The coefficients minimise the largest error of `r·O / E` against `tanh(r/2)` on the range (Lawson's iteration on
  /// Chebyshev nodes, in 50-digit arithmetic), then `E` and `O` were divided by the leading coefficient of `E`, so
  /// that `E` costs one addition and one multiply-add. The approximation's relative error is below 1.4e-18 with the
  /// coefficients rounded to doubles, against 2e-19 for the degree-6 Padé approximant it replaced, which took five
  /// multiply-adds where this takes three and an addition.
  ///
  /// - Parameter reduced: `r` or `−r` (only `r²` is used).
  /// - Returns: `E(r²)` and `O(r²)`.
  @inline(__always) @usableFromInline static func logisticRationalTerms<let count: Int>(
    _ reduced: Lanes<count>
  ) -> (even: Lanes<count>, odd: Lanes<count>) {
    var square = reduced
    for index in 0..<count { square[index] = reduced[index] * reduced[index] }
    var even = square
    for index in 0..<count {
      even[index] = SIMD8(repeating: 1_008.316_273_954_570_6).addingProduct(
        square[index] + 112.032_003_502_585_01, square[index])
    }
    var odd = Lanes<count>(repeating: SIMD8(repeating: 0.033_317_662_127_273_676))
    hornerStep(&odd, square, 14.002_823_669_853_18)
    hornerStep(&odd, square, 504.158_136_977_285_3)
    return (even, odd)
  }

  /// `1.5 · 2⁵²`: adding it to a value of magnitude below 2⁵¹ rounds the value to an integer `n`, which the low
  /// bits of the sum then hold (`bits(sum) = bits(1.5 · 2⁵²) + n`).
  @inline(__always) @usableFromInline static var roundingShift: Double { 6_755_399_441_055_744.0 }
  /// The bit pattern of ``roundingShift``.
  @inline(__always) @usableFromInline static var roundingShiftBits: Int64 { 0x4338_0000_0000_0000 }

  /// The range reduction of `e^y`, `y = n·ln 2 + r` with `n` the nearest integer to `y / ln 2` and
  /// `|r| ≤ ln 2 / 2`, for `y = x` or, with `negated`, `y = −x`.
  ///
  /// `n` comes from one fused multiply-add with ``roundingShift`` plus `bias`; `r = y − n·ln 2` from two more
  /// (Cody–Waite: `ln 2` split in a high part whose products with `n` are exact and a low part). With `negated` the
  /// second result is `−r` (`x + n·ln 2`).
  ///
  /// - Parameters:
  ///   - x: The arguments, in `[−746, 746]`.
  ///   - negated: Whether `y` is `−x`.
  ///   - bias: A whole number `k` from 0 to 2047 added to `n` in the first result's low bits.
  /// - Returns: `n + k + 1.5 · 2⁵²` (so `n + k` is in its low bits) and `r`, or `−r` with `negated`.
  @inline(__always) @usableFromInline static func reduce<let count: Int>(
    _ x: Lanes<count>, negated: Bool, bias: Double = 0
  ) -> (shifted: Lanes<count>, reduced: Lanes<count>) {
    let shift = SIMD8<Double>(repeating: roundingShift + bias)
    let inverseLog = SIMD8<Double>(repeating: negated ? -1.442_695_040_888_963_4 : 1.442_695_040_888_963_4)
    let high = SIMD8<Double>(repeating: negated ? 6.931_471_803_691_238_164_90e-01 : -6.931_471_803_691_238_164_90e-01)
    let low = SIMD8<Double>(repeating: negated ? 1.908_214_929_270_587_700_02e-10 : -1.908_214_929_270_587_700_02e-10)
    var shifted = x
    for index in 0..<count { shifted[index] = shift.addingProduct(x[index], inverseLog) }
    var reduced = x
    for index in 0..<count {
      let n = shifted[index] - shift
      reduced[index] = x[index].addingProduct(n, high).addingProduct(n, low)
    }
    return (shifted, reduced)
  }

  /// `e^r` for `|r| ≤ ln 2 / 2`.
  ///
  /// The polynomial `P(r) = Σₖ cₖ rᵏ` of degree 11, by Horner's rule with one fused multiply-add a step, was fitted
  /// on Chebyshev nodes to `(e^r − 1 − r) / r²` with `c₀ = c₁ = 1` exact; its relative error is below 1.6e-17
  /// with the coefficients rounded to doubles (the degree-13 Taylor polynomial: 5e-18, with two more steps).
  ///
  /// - Parameter reduced: `r`.
  @inline(__always) @usableFromInline static func exponentialPolynomial<let count: Int>(
    _ reduced: Lanes<count>
  ) -> Lanes<count> {
    let leading = 2.510_037_592_470_971_7e-08
    var power = Lanes<count>(repeating: SIMD8(repeating: leading))
    hornerStep(&power, reduced, 2.762_007_599_981_065e-07)
    hornerStep(&power, reduced, 2.755_726_848_011_633_3e-06)
    hornerStep(&power, reduced, 2.480_152_132_211_682_5e-05)
    hornerStep(&power, reduced, 1.984_126_986_304_067e-04)
    hornerStep(&power, reduced, 1.388_888_891_719_688_1e-03)
    hornerStep(&power, reduced, 8.333_333_333_330_065e-03)
    hornerStep(&power, reduced, 4.166_666_666_662_416_4e-02)
    hornerStep(&power, reduced, 1.666_666_666_666_666_9e-01)
    hornerStep(&power, reduced, 5.000_000_000_000_001e-01)
    hornerStep(&power, reduced, 1)
    hornerStep(&power, reduced, 1)
    return power
  }

  /// One step of Horner's rule in every vector: `P ← c + P·r`, one rounding (a fused multiply-add).
  ///
  /// - Parameters:
  ///   - power: `P`.
  ///   - reduced: `r`.
  ///   - coefficient: `c`.
  @inline(__always) @usableFromInline static func hornerStep<let count: Int>(
    _ power: inout Lanes<count>, _ reduced: Lanes<count>, _ coefficient: Double
  ) {
    let term = SIMD8<Double>(repeating: coefficient)
    for index in 0..<count { power[index] = term.addingProduct(power[index], reduced[index]) }
  }

  /// `tanh(x)` in eight lanes: `sign(x) · (1 − e^(−2|x|)) / (1 + e^(−2|x|))`, and libm's `tanh` in the lanes
  /// where `|x| < 0.5` (there the subtraction would lose digits).
  ///
  /// - Parameter x: The arguments.
  @inlinable static func tanh(_ x: SIMD8<Double>) -> SIMD8<Double> {
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

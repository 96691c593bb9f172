import Foundation
import NNCore
import NNLayers
import Testing

/// The vectorised exponential and hyperbolic tangent against libm.
@Suite("Vector math")
struct VectorMathTests {
  @Test("exp is within 4e-16 of libm over [-700, 700]")
  func exponentialAccuracy() {
    let random = RandomSource(seed: 3)
    var worst = 0.0
    for _ in 0..<20_000 {
      var lanes = SIMD8<Double>()
      for lane in 0..<8 { lanes[lane] = random.uniform(from: -50, to: 50) * (random.uniform() < 0.1 ? 14 : 1) }
      let result = VectorMath.exp(lanes)
      for lane in 0..<8 {
        let expected = Foundation.exp(lanes[lane])
        worst = max(worst, abs(result[lane] - expected) / expected)
      }
    }
    #expect(worst < 4e-16)
  }

  @Test func exponentialSpecialValues() {
    let input = SIMD8<Double>(0, 1, -1, 1000, -1000, .nan, 709.7, -740)
    let result = VectorMath.exp(input)
    #expect(result[0] == 1)
    #expect(abs(result[1] - M_E) <= 2.3e-16 * M_E)
    #expect(abs(result[2] - 1 / M_E) <= 2.3e-16 / M_E)
    #expect(result[3] == .infinity)
    #expect(result[4] == 0)
    #expect(result[5].isNaN)
    #expect(abs(result[6] - Foundation.exp(709.7)) <= 1e-15 * Foundation.exp(709.7))
    // exp(−740) ≈ 4.2e-322 is subnormal: compare absolutely, to a few units of the smallest subnormal.
    #expect(abs(result[7] - Foundation.exp(-740)) <= 4 * Double.leastNonzeroMagnitude)
  }

  @Test("tanh is within 5e-16 of libm, including near 0 and in saturation")
  func tanhAccuracy() {
    var worst = 0.0
    var x = -25.0
    while x < 25 {
      let lanes = SIMD8<Double>((0..<8).map { x + Double($0) * 1e-3 })
      let result = VectorMath.tanh(lanes)
      for lane in 0..<8 {
        let expected = Foundation.tanh(lanes[lane])
        let error = expected == 0 ? abs(result[lane]) : abs(result[lane] - expected) / abs(expected)
        worst = max(worst, error)
      }
      x += 0.0173
    }
    #expect(worst < 5e-16)
  }
}

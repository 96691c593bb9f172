import Foundation
import NNCore
import Testing

@testable import NNLayers

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

  @Test("the logistic function is within 6e-16 of 1 / (1 + libm exp(−x)) over [-40, 700]")
  func logisticAccuracy() {
    let random = RandomSource(seed: 5)
    var worst = 0.0
    for _ in 0..<20_000 {
      var lanes = SIMD8<Double>()
      for lane in 0..<8 { lanes[lane] = random.uniform(from: -40, to: 40) * (random.uniform() < 0.1 ? 17 : 1) }
      let result = VectorMath.logistic(lanes)
      for lane in 0..<8 where lanes[lane] < 700 {
        // The reference has three roundings of its own (up to 2.6e-16 here, against 100-bit arithmetic).
        let expected = 1 / (1 + Foundation.exp(-lanes[lane]))
        worst = max(worst, abs(result[lane] - expected) / expected)
      }
    }
    #expect(worst < 6e-16)
  }

  @Test func logisticSpecialValues() {
    let input = SIMD8<Double>(0, 800, -800, .infinity, -.infinity, .nan, 708.5, -700)
    let result = VectorMath.logistic(input)
    #expect(result[0] == 0.5)
    #expect(result[1] == 1)
    #expect(result[2] == 0)
    #expect(result[3] == 1)
    #expect(result[4] == 0)
    #expect(result[5].isNaN)
    #expect(result[6] == 1)
    #expect(abs(result[7] - Foundation.exp(-700)) <= 1e-15 * Foundation.exp(-700))
  }

  @Test("several vectors side by side give exactly what one vector gives")
  func interleavedFormsMatch() {
    let random = RandomSource(seed: 7)
    let vectors = VectorMath.Lanes<4> { _ in
      var lanes = SIMD8<Double>()
      for lane in 0..<8 { lanes[lane] = random.uniform(from: -30, to: 30) }
      return lanes
    }
    let exponentials = VectorMath.exp(vectors)
    let logistics = VectorMath.logistic(vectors)
    let sigmoids = Sigmoid().value(vectors)
    for index in 0..<4 {
      #expect(exponentials[index] == VectorMath.exp(vectors[index]))
      #expect(logistics[index] == VectorMath.logistic(vectors[index]))
      #expect(sigmoids[index] == Sigmoid().value(vectors[index]))
      // The default form of an activation without its own: the SIMD8 form vector by vector.
      #expect(Tanh().value(vectors)[index] == Tanh().value(vectors[index]))
    }
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

import NNCore
import Testing

/// Statistical checks of `RandomSource`'s distributions, with bounds loose enough (five or more standard errors)
/// that a correct generator essentially never fails them.
@Suite("Random source distributions")
struct RandomDistributionTests {
  @Test("uniform() stays in [0, 1) and has mean ½ and variance 1⁄12")
  func uniformMoments() {
    let random = RandomSource(seed: 1)
    let count = 100_000
    var sum = 0.0
    var sumOfSquares = 0.0
    var outside = 0
    for _ in 0..<count {
      let value = random.uniform()
      if !(value >= 0 && value < 1) { outside += 1 }
      sum += value
      sumOfSquares += value * value
    }
    #expect(outside == 0)
    let mean = sum / Double(count)
    let variance = sumOfSquares / Double(count) - mean * mean
    // Standard error of the mean: √(1/12 / 10⁵) ≈ 0.0009.
    #expect(abs(mean - 0.5) < 0.005)
    #expect(abs(variance - 1.0 / 12.0) < 0.003)
  }

  @Test("normal() has mean 0, variance 1 and about 68.27 % of draws within one deviation")
  func standardNormalMoments() {
    let random = RandomSource(seed: 2)
    let count = 100_000
    var sum = 0.0
    var sumOfSquares = 0.0
    var withinOne = 0
    for _ in 0..<count {
      let value = random.normal()
      sum += value
      sumOfSquares += value * value
      if abs(value) < 1 { withinOne += 1 }
    }
    let mean = sum / Double(count)
    let variance = sumOfSquares / Double(count) - mean * mean
    // Standard errors: mean 1/√n ≈ 0.0032; variance √(2/n) ≈ 0.0045; fraction √(0.68·0.32/n) ≈ 0.0015.
    #expect(abs(mean) < 0.02)
    #expect(abs(variance - 1) < 0.03)
    #expect(abs(Double(withinOne) / Double(count) - 0.6827) < 0.01)
  }

  @Test("normal(mean: 3, standardDeviation: 2) has mean 3 and variance 4")
  func shiftedNormalMoments() {
    let random = RandomSource(seed: 3)
    let count = 50_000
    let values = (0..<count).map { _ in random.normal(mean: 3, standardDeviation: 2) }
    let mean = values.reduce(0, +) / Double(count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)
    // Standard errors: mean 2/√n ≈ 0.009; variance 4·√(2/n) ≈ 0.025.
    #expect(abs(mean - 3) < 0.05)
    #expect(abs(variance - 4) < 0.15)
  }

  @Test("shuffle makes every order of three elements about equally likely")
  func shuffleIsUniform() {
    let random = RandomSource(seed: 4)
    var counts: [[Int]: Int] = [:]
    let trials = 60_000
    for _ in 0..<trials {
      var values = [0, 1, 2]
      random.shuffle(&values)
      counts[values, default: 0] += 1
    }
    #expect(counts.count == 6)
    // Each order: expected 10 000, standard deviation √(60 000 · 1/6 · 5/6) ≈ 91.
    for (order, count) in counts {
      #expect(abs(count - 10_000) < 500, "order \(order) came \(count) times")
    }
  }

  @Test("shuffle gives a permutation and leaves empty and one-element arrays alone")
  func shuffleIsPermutation() {
    let random = RandomSource(seed: 5)
    var values = Array(0..<100)
    random.shuffle(&values)
    #expect(values.sorted() == Array(0..<100))
    #expect(values != Array(0..<100))
    var empty: [Int] = []
    random.shuffle(&empty)
    #expect(empty.isEmpty)
    var single = ["only"]
    random.shuffle(&single)
    #expect(single == ["only"])
  }

  @Test("drawWithoutReplacement gives distinct values and keeps the buffer a permutation")
  func drawWithoutReplacementKeepsPermutation() {
    let random = RandomSource(seed: 6)
    var buffer = Array(0..<20)
    for _ in 0..<50 {
      buffer.withUnsafeMutableBufferPointer { random.drawWithoutReplacement(5, from: $0) }
      #expect(Set(buffer.prefix(5)).count == 5)
      #expect(buffer.sorted() == Array(0..<20))
    }
    buffer.withUnsafeMutableBufferPointer { random.drawWithoutReplacement(20, from: $0) }
    #expect(buffer.sorted() == Array(0..<20))
  }

  @Test("drawing none leaves the buffer and the stream untouched")
  func drawNone() {
    let random = RandomSource(seed: 7)
    let twin = RandomSource(seed: 7)
    var buffer = [3, 1, 2]
    buffer.withUnsafeMutableBufferPointer { random.drawWithoutReplacement(0, from: $0) }
    #expect(buffer == [3, 1, 2])
    #expect(random.nextUInt32() == twin.nextUInt32())
  }

  @Test("each element is drawn with probability count⁄size, even from a reused buffer")
  func drawWithoutReplacementIsUniform() {
    // Drawing 2 of 5 includes each value with probability 2/5: expected 8 000 of 20 000 trials,
    // standard deviation √(20 000 · 0.4 · 0.6) ≈ 69.
    let random = RandomSource(seed: 8)
    var buffer = Array(0..<5)
    var counts = [Int](repeating: 0, count: 5)
    for _ in 0..<20_000 {
      buffer.withUnsafeMutableBufferPointer { random.drawWithoutReplacement(2, from: $0) }
      counts[buffer[0]] += 1
      counts[buffer[1]] += 1
    }
    for (value, count) in counts.enumerated() {
      #expect(abs(count - 8_000) < 400, "value \(value) drawn \(count) times")
    }
  }
}

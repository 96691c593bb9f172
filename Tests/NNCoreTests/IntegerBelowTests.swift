import NNCore
import Testing

/// `RandomSource.integer(below:)`: range, uniformity, and agreement draw for draw with Lemire's published
/// nearly divisionless method on the same raw mt19937 stream.
@Suite("Random integers below a bound")
struct IntegerBelowTests {
  /// 2³¹ + 7: a bound just past half the 32-bit range, where an unbiased method must reject almost half the raw
  /// draws (2³² mod (2³¹ + 7) = 2³¹ − 7 of them).
  static let awkwardBound = (1 << 31) + 7

  @Test("every draw is in 0..<bound", arguments: [1, 2, 3, 150, (1 << 31) + 7])
  func inRange(bound: Int) {
    let random = RandomSource(seed: UInt64(bound))
    for _ in 0..<20_000 {
      let value = random.integer(below: bound)
      #expect((0..<bound).contains(value), "\(value) is outside 0..<\(bound)")
    }
  }

  @Test("a bound of 1 always gives 0")
  func boundOne() {
    let random = RandomSource(seed: 9)
    #expect((0..<1000).allSatisfy { _ in random.integer(below: 1) == 0 })
  }

  @Test("a power-of-two bound 2ᵏ gives the top k bits of the raw draw", arguments: [1, 4, 20, 31])
  func powerOfTwoBound(bits: Int) {
    // (x · 2ᵏ) >> 32 = x >> (32 − k), and 2³² mod 2ᵏ = 0, so nothing is ever rejected.
    let random = RandomSource(seed: 31)
    let twin = RandomSource(seed: 31)
    for _ in 0..<2000 {
      #expect(random.integer(below: 1 << bits) == Int(twin.nextUInt32() >> UInt32(32 - bits)))
    }
  }

  @Test("150 buckets from 150 000 draws pass a loose chi-square test")
  func chiSquareOver150Buckets() {
    let random = RandomSource(seed: 150)
    var counts = [Int](repeating: 0, count: 150)
    for _ in 0..<150_000 { counts[random.integer(below: 150)] += 1 }
    // 149 degrees of freedom: mean 149, standard deviation √298 ≈ 17.3; accept within about six deviations.
    let chiSquare = counts.reduce(0.0) { $0 + Double(($1 - 1000) * ($1 - 1000)) / 1000 }
    #expect(chiSquare > 60 && chiSquare < 255, "chi-square \(chiSquare)")
  }

  @Test("bound 3 gives each value a third of the time")
  func boundThreeIsUnbiased() {
    // 300 000 draws: expected 100 000 each, standard deviation √(300 000 · 1/3 · 2/3) ≈ 258; five deviations.
    let random = RandomSource(seed: 3)
    var counts = [0, 0, 0]
    for _ in 0..<300_000 { counts[random.integer(below: 3)] += 1 }
    for (value, count) in counts.enumerated() {
      #expect(abs(count - 100_000) < 1300, "value \(value) came \(count) times")
    }
  }

  @Test("bound 2³¹ + 7 has mean (bound − 1)/2, which plain modulo reduction would miss")
  func awkwardBoundMean() {
    // With x mod b, the values below 2³² − b = 2³¹ − 7 would come twice as often as the rest, pulling the mean
    // down by about b/6; an unbiased draw has mean (b − 1)/2 within a few standard errors b/√(12 n).
    let random = RandomSource(seed: 77)
    let count = 20_000
    var sum = 0.0
    for _ in 0..<count { sum += Double(random.integer(below: Self.awkwardBound)) }
    let mean = sum / Double(count)
    let expected = Double(Self.awkwardBound - 1) / 2
    let standardError = Double(Self.awkwardBound) / (12.0 as Double).squareRoot() / Double(count).squareRoot()
    #expect(abs(mean - expected) < 5 * standardError)
  }

  @Test(
    "draws match Lemire's method (threshold 2³² mod bound) on the same raw stream",
    arguments: [1, 2, 3, 7, 150, 1_000_003, (1 << 31) + 7, 3_000_000_000, Int(UInt32.max)])
  func matchesLemireReference(bound: Int) {
    let random = RandomSource(seed: 2019)
    let twin = RandomSource(seed: 2019)
    var firstDifference: Int?
    for draw in 0..<5000 {
      let value = random.integer(below: bound)
      let reference = Self.lemireReference(below: UInt32(bound)) { twin.nextUInt32() }
      if value != reference {
        firstDifference = draw
        break
      }
    }
    #expect(firstDifference == nil, "draw \(firstDifference ?? -1) differs from the reference for bound \(bound)")
  }

  @Test("bound 2³¹ + 7 consumes about two raw draws per integer, as unbiased rejection must")
  func awkwardBoundRejectsHalfTheRawDraws() throws {
    // Accepting raw draw x only when (x · b) mod 2³² ≥ 2³² mod b leaves b accepted draws of 2³², so each integer
    // costs 2³²/b ≈ 2 raw draws on average (standard deviation √(1000 · 2) ≈ 45 over 1000 integers).
    let random = RandomSource(seed: 5)
    let twin = RandomSource(seed: 5)
    for _ in 0..<1000 { _ = random.integer(below: Self.awkwardBound) }
    let signature = (0..<8).map { _ in random.nextUInt32() }
    let stream = (0..<5000).map { _ in twin.nextUInt32() }
    let consumed = (0...(stream.count - 8)).first { Array(stream[$0..<$0 + 8]) == signature }
    let rawDraws = try #require(consumed, "the stream after 1000 integers was not found in the first 5000 raw draws")
    #expect(rawDraws > 1800 && rawDraws < 2200, "1000 integers consumed \(rawDraws) raw draws")
  }

  /// Lemire's nearly divisionless method (D. Lemire, "Fast random integer generation in an interval",
  /// ACM TOMACS 29(1), 2019, algorithm 5) for 32-bit words: multiply, keep the high word, and reject raw draws
  /// whose low word is below `(2³² − s) mod s = 2³² mod s`, computed in 32-bit arithmetic.
  static func lemireReference(below bound: UInt32, next: () -> UInt32) -> Int {
    var product = UInt64(next()) * UInt64(bound)
    var low = UInt32(truncatingIfNeeded: product)
    if low < bound {
      let threshold = (0 &- bound) % bound
      while low < threshold {
        product = UInt64(next()) * UInt64(bound)
        low = UInt32(truncatingIfNeeded: product)
      }
    }
    return Int(product >> 32)
  }
}

import NNCore
import Testing

/// Saving and restoring a random source's state: the draws continue exactly, through GSL and the fast path.
@Suite("random source state")
struct RandomStateTests {
  @Test("a restored state continues the same stream of raw, uniform, normal and integer draws")
  func continues() {
    let source = RandomSource(seed: 7)
    // Draw past one regeneration of the 624 words so the saved position is not at the start.
    for _ in 0..<1000 { _ = source.nextUInt32() }
    let saved = source.stateBytes
    #expect(saved.count == 624 * 8 + 8)
    #expect(source.generatorName == "mt19937")
    func draws(_ random: RandomSource) -> [Double] {
      var values: [Double] = []
      for _ in 0..<700 { values.append(Double(random.nextUInt32())) }
      values.append(random.uniform())
      values.append(random.normal())
      var indices = [Int](repeating: 0, count: 50)
      indices.withUnsafeMutableBufferPointer { random.fill($0, below: 150) }
      return values + indices.map(Double.init)
    }
    let expected = draws(source)
    let other = RandomSource(seed: 99)
    #expect(other.restoreState(saved))
    #expect(draws(other) == expected)
    #expect(source.restoreState(saved))
    #expect(draws(source) == expected)
  }

  @Test("a state of the wrong size or with an impossible position is refused, leaving the source unchanged")
  func refusesBadState() {
    let source = RandomSource(seed: 3)
    let before = source.stateBytes
    #expect(!source.restoreState([1, 2, 3]))
    var bad = before
    bad.withUnsafeMutableBytes { $0.storeBytes(of: Int32(5000), toByteOffset: 624 * 8, as: Int32.self) }
    #expect(!source.restoreState(bad))
    #expect(source.stateBytes == before)
  }
}
